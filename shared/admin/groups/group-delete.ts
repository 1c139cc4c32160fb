import type { RealmConfig } from '../../realm/realm-config.js';
import { GroupsRepository, type GroupRecord } from '../../store/groups.js';
import { defaultGroupKey, groupIndexKey, groupKey, groupMemberListingPartition, groupNameKey, type ItemKey } from '../../store/keys.js';
import type { Item, Store, TransactWrite } from '../../store/store.js';
import { AdminNotFound } from '../errors.js';
import type { Cascade } from '../roles/cascade.js';
import type { GroupTree } from './group-tree.js';

/**
 * What deleting a group takes with it (RealmModel.removeGroup): its subgroups, all the way down, each
 * with its role mappings, its members' memberships, its name claim, its index entry and its place
 * among the realm's default groups. The group item itself, its name and its index entry go last.
 */
export async function groupRemoval(store: Store, realm: RealmConfig, tree: GroupTree, group: GroupRecord): Promise<Cascade> {
  const realmId = realm.realm.id;
  const repository = new GroupsRepository(store);
  const defaults = new Set(await repository.defaultGroupIds(realmId));
  const root = groupKey(realmId, group.rep.id);
  const subtree = [{ groupId: group.rep.id, name: group.rep.name, parentId: group.rep.parentId }, ...tree.descendants(group.rep.id)];
  const deletes: ItemKey[] = [];
  for (const { groupId, name, parentId } of subtree) {
    for (const key of await repository.partitionKeys(realmId, groupId)) if (key.pk !== root.pk || key.sk !== root.sk) deletes.push(key);
    for await (const member of store.queryAll<Item>({ partition: groupMemberListingPartition(realmId, groupId), index: 'gsi1' })) {
      deletes.push({ pk: member.pk, sk: member.sk });
    }
    if (groupId === group.rep.id) continue;
    deletes.push(groupNameKey(realmId, parentId, name), groupIndexKey(realmId, groupId));
  }
  for (const { groupId } of subtree) if (defaults.has(groupId)) deletes.push(defaultGroupKey(realmId, groupId));
  const final: TransactWrite[] = [
    // Condition: the group is still there, so of two concurrent deletes one reports 404.
    { kind: 'delete', key: root, mustExist: true, onConflict: () => new AdminNotFound('Could not find group by id') },
    { kind: 'delete', key: groupNameKey(realmId, group.rep.parentId, group.rep.name) },
    { kind: 'delete', key: groupIndexKey(realmId, group.rep.id) },
  ];
  return { deletes, updates: [], final };
}
