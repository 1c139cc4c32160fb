import type { GroupRepresentation } from '../model/group.js';
import { ConflictError } from './errors.js';
import {
  defaultGroupKey,
  defaultGroupPrefix,
  groupIndexKey,
  groupIndexPartition,
  groupKey,
  groupListing,
  groupNameKey,
  groupRoleMappingKey,
  realmKey,
  realmPart,
  roleGroupListing,
  type ItemKey,
} from './keys.js';
import type { RoleRef } from './roles.js';
import type { Item, Store, TransactWrite } from './store.js';
import { groupMembershipItem } from './users.js';

export type StoredGroupRep = GroupRepresentation & { id: string; path: string };

/** The group item itself, the root of the group's own partition. */
export interface GroupItem extends Item {
  readonly entity: 'Group';
  readonly realmId: string;
  readonly version: number;
  /** `path` is the full path ("/parent/child") as Keycloak reports it. */
  readonly rep: StoredGroupRep;
}

/**
 * A group as it is read: the group item and its role mappings, which are items of the same
 * partition (by id, so role renames do not break them) — one Query loads both.
 */
export interface GroupRecord extends GroupItem {
  readonly roleMappings: readonly RoleRef[];
}

/** A role mapped to a group; gsi2 lists a role's groups. */
export interface GroupRoleMapping extends Item {
  readonly entity: 'GroupRoleMapping';
  readonly roleId: string;
  readonly clientUuid?: string;
}

/** One group in the realm's group index (groupIndexKey). */
export interface GroupIndexEntry extends Item {
  readonly entity: 'GroupIndex';
  readonly groupId: string;
  readonly name: string;
  readonly parentId?: string;
  readonly attributes?: Record<string, string[]>;
}

/** Keycloak's messages for sibling name clashes. */
export const duplicateGroupMessage = (name: string, parent: boolean): string =>
  parent ? `Sibling group named '${name}' already exists.` : `Top level group named '${name}' already exists.`;

/** The group item for a representation (listed under its parent by gsi1, registered with its realm). */
export function groupItem(realmId: string, rep: StoredGroupRep, version = 1): GroupItem {
  const root = groupKey(realmId, rep.id);
  return { ...root, ...groupListing(realmId, rep.parentId, rep.name), ...realmPart(realmId, root.pk), entity: 'Group', realmId, version, rep };
}

export function groupIndexItem(realmId: string, rep: StoredGroupRep): GroupIndexEntry {
  const key = groupIndexKey(realmId, rep.id);
  return {
    ...key,
    ...realmPart(realmId, key.pk),
    entity: 'GroupIndex',
    groupId: rep.id,
    name: rep.name,
    ...(rep.parentId ? { parentId: rep.parentId } : {}),
    ...(rep.attributes && Object.keys(rep.attributes).length > 0 ? { attributes: rep.attributes } : {}),
  };
}

export function groupRoleMappingItem(realmId: string, groupId: string, role: RoleRef): GroupRoleMapping {
  return {
    ...groupRoleMappingKey(realmId, groupId, role.roleId),
    ...roleGroupListing(realmId, role.roleId, groupId),
    entity: 'GroupRoleMapping',
    roleId: role.roleId,
    ...(role.clientUuid ? { clientUuid: role.clientUuid } : {}),
  };
}

/** The name sentinel of a group under its parent (sibling names are unique). */
export function groupNameSentinel(realmId: string, rep: Pick<StoredGroupRep, 'id' | 'name' | 'parentId'>): Item {
  const sentinel = groupNameKey(realmId, rep.parentId, rep.name);
  return { ...sentinel, ...realmPart(realmId, sentinel.pk), groupId: rep.id };
}

/** The group, its name sentinel, its role mappings and its index entry, for one transaction. */
export function groupCreationWrites(realmId: string, rep: StoredGroupRep, roleMappings: readonly RoleRef[] = []): TransactWrite[] {
  const conflict = () => new ConflictError(duplicateGroupMessage(rep.name, Boolean(rep.parentId)));
  return [
    { kind: 'create', item: groupItem(realmId, rep), onConflict: conflict },
    { kind: 'create', item: groupNameSentinel(realmId, rep), onConflict: conflict },
    ...roleMappings.map((role): TransactWrite => ({ kind: 'put', item: groupRoleMappingItem(realmId, rep.id, role) })),
    { kind: 'put', item: groupIndexItem(realmId, rep) },
  ];
}

/**
 * Replaces a group's representation (condition: `version` unchanged since `current` was read). A new
 * name or parent moves the name sentinel in the same transaction (the old one must exist, the new one
 * must be free), so siblings never share a name; the index entry follows.
 */
export function groupUpdateWrites(current: GroupItem, rep: StoredGroupRep, onConflict: () => Error): TransactWrite[] {
  const realmId = current.realmId;
  const writes: TransactWrite[] = [
    {
      kind: 'updateVersioned',
      key: groupKey(realmId, rep.id),
      expectedVersion: current.version,
      set: { rep, ...groupListing(realmId, rep.parentId, rep.name) },
    },
    { kind: 'put', item: groupIndexItem(realmId, rep) },
  ];
  if (rep.name !== current.rep.name || rep.parentId !== current.rep.parentId) {
    writes.push(
      { kind: 'delete', key: groupNameKey(realmId, current.rep.parentId, current.rep.name), mustExist: true, onConflict },
      { kind: 'create', item: groupNameSentinel(realmId, rep), onConflict },
    );
  }
  return writes;
}

/** A realm default group: new users join it (RealmModel.getDefaultGroupsStream). */
export function defaultGroupItem(realmId: string, groupId: string): Item {
  return { ...defaultGroupKey(realmId, groupId), entity: 'DefaultGroup', groupId };
}

export class GroupsRepository {
  constructor(private readonly store: Store) {}

  /** The group with its role mappings: one strongly consistent Query of its partition. */
  async get(realmId: string, groupId: string): Promise<GroupRecord | undefined> {
    let group: GroupItem | undefined;
    const roleMappings: RoleRef[] = [];
    for await (const item of this.store.queryAll<Item>({ partition: groupKey(realmId, groupId).pk, consistent: true })) {
      if (item.entity === 'Group') group = item as GroupItem;
      else if (item.entity === 'GroupRoleMapping') {
        const { roleId, clientUuid } = item as GroupRoleMapping;
        roleMappings.push(clientUuid ? { roleId, clientUuid } : { roleId });
      }
    }
    return group ? { ...group, roleMappings } : undefined;
  }

  /** The groups and all their ancestors (members inherit every ancestor's roles), each read once. */
  async withAncestors(realmId: string, groupIds: readonly string[], cache = new Map<string, Promise<GroupRecord | undefined>>()): Promise<GroupRecord[]> {
    const found = new Map<string, GroupRecord>();
    let pending = [...new Set(groupIds)];
    while (pending.length > 0) {
      const loaded = await Promise.all(
        pending.map((id) => {
          let group = cache.get(id);
          if (!group) cache.set(id, (group = this.get(realmId, id)));
          return group;
        }),
      );
      pending = [];
      for (const group of loaded) {
        if (!group || found.has(group.rep.id)) continue;
        found.set(group.rep.id, group);
        if (group.rep.parentId && !found.has(group.rep.parentId)) pending.push(group.rep.parentId);
      }
    }
    return [...found.values()];
  }

  /** Every group of the realm as its index entry (one strongly consistent Query). */
  async index(realmId: string): Promise<GroupIndexEntry[]> {
    const entries: GroupIndexEntry[] = [];
    for await (const item of this.store.queryAll<GroupIndexEntry>({ partition: groupIndexPartition(realmId), consistent: true })) entries.push(item);
    return entries;
  }

  /** Every item key of the group's partition (the group and its role mappings). */
  async partitionKeys(realmId: string, groupId: string): Promise<ItemKey[]> {
    const keys: ItemKey[] = [];
    for await (const item of this.store.queryAll({ partition: groupKey(realmId, groupId).pk, consistent: true })) keys.push({ pk: item.pk, sk: item.sk });
    return keys;
  }

  /** The paths of the realm's default groups, as RealmRepresentation.defaultGroups lists them in exports. */
  async defaultGroupPaths(realmId: string): Promise<string[]> {
    const groups = await Promise.all((await this.defaultGroupIds(realmId)).map((id) => this.store.get<GroupItem>(groupKey(realmId, id), { consistent: true })));
    return groups.filter((group): group is GroupItem => group !== undefined).map((group) => group.rep.path);
  }

  /** The realm's default group ids (items in the realm partition). */
  async defaultGroupIds(realmId: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const item of this.store.queryAll<Item & { groupId: string }>({ partition: realmKey(realmId).pk, skPrefix: defaultGroupPrefix, consistent: true })) {
      ids.push(item.groupId);
    }
    return ids;
  }
}

/**
 * The memberships a new user gets in the realm's default groups (Keycloak's UserStorageManager.addUser
 * joins every default group), as writes for the user's creation transaction. Default groups deleted
 * meanwhile are skipped.
 */
export async function defaultGroupMembershipWrites(store: Store, realmId: string, userId: string, username: string): Promise<TransactWrite[]> {
  const repository = new GroupsRepository(store);
  const writes: TransactWrite[] = [];
  for (const groupId of await repository.defaultGroupIds(realmId)) {
    if (await store.get(groupKey(realmId, groupId), { consistent: true })) {
      writes.push({ kind: 'put', item: groupMembershipItem(realmId, userId, username, groupId) });
    }
  }
  return writes;
}
