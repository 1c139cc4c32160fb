import type { GroupRepresentation } from '../model/group.js';
import { ConflictError } from './errors.js';
import { groupKey, groupListing, groupNameKey, realmPart } from './keys.js';
import type { RoleRef } from './roles.js';
import type { Item, Store, TransactWrite } from './store.js';

/**
 * A group in its own partition. Its role mappings are kept on the item (ids, so role renames do not
 * break them); `rep.path` is the full path ("/parent/child") as Keycloak reports it.
 */
export interface GroupRecord extends Item {
  readonly entity: 'Group';
  readonly realmId: string;
  readonly version: number;
  readonly rep: GroupRepresentation & { id: string; path: string };
  readonly roleMappings: readonly RoleRef[];
}

/** Keycloak's messages for sibling name clashes. */
export const duplicateGroupMessage = (name: string, parent: boolean): string =>
  parent ? `Sibling group named '${name}' already exists.` : `Top level group named '${name}' already exists.`;

export function groupCreationWrites(realmId: string, rep: GroupRepresentation & { id: string; path: string }, roleMappings: RoleRef[] = []): TransactWrite[] {
  const root = groupKey(realmId, rep.id);
  const record: GroupRecord = {
    ...root,
    ...groupListing(realmId, rep.parentId, rep.name),
    ...realmPart(realmId, root.pk),
    entity: 'Group',
    realmId,
    version: 1,
    rep,
    roleMappings,
  };
  const sentinel = groupNameKey(realmId, rep.parentId, rep.name);
  const conflict = () => new ConflictError(duplicateGroupMessage(rep.name, Boolean(rep.parentId)));
  return [
    { kind: 'create', item: record, onConflict: conflict },
    { kind: 'create', item: { ...sentinel, ...realmPart(realmId, sentinel.pk), groupId: rep.id }, onConflict: conflict },
  ];
}

export class GroupsRepository {
  constructor(private readonly store: Store) {}

  async get(realmId: string, groupId: string): Promise<GroupRecord | undefined> {
    return this.store.get<GroupRecord>(groupKey(realmId, groupId));
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
}
