import { randomUUID } from 'node:crypto';
import { AdminError } from '../../http/errors.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { ConflictError } from '../../store/errors.js';
import { duplicateGroupMessage, groupCreationWrites, GroupsRepository, groupUpdateWrites, type GroupItem, type StoredGroupRep } from '../../store/groups.js';
import { groupKey, groupNameKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import type { AdminRequest } from '../admin-request.js';
import type { Cascade } from '../roles/cascade.js';
import { groupAttributes, type GroupInput } from './group-schema.js';
import type { GroupTree } from './group-tree.js';

/** ErrorResponse.error("Group name is missing", 400): GroupsResource and GroupResource refuse blank names. */
export function requireGroupName(body: GroupInput): string {
  if (body.name == null || body.name.trim() === '') throw new AdminError(400, 'Group name is missing');
  return body.name;
}

const pathUnder = (parent: Pick<StoredGroupRep, 'path'> | undefined, name: string): string => `${parent?.path ?? ''}/${name}`;

/**
 * RealmModel.createGroup followed by GroupResource.updateGroup: a new id, the name under its parent
 * (unique among siblings: 409 "Top level group named 'x' already exists." or "Sibling group named
 * 'x' already exists."), attributes and description as given. Role mappings and subgroups in the
 * representation are ignored, as Keycloak ignores them here.
 */
export function newGroup(realm: RealmConfig, body: GroupInput, parent?: GroupItem): { rep: StoredGroupRep; writes: TransactWrite[] } {
  const name = requireGroupName(body);
  const rep: StoredGroupRep = {
    id: randomUUID(),
    name,
    ...(body.description != null ? { description: body.description } : {}),
    path: pathUnder(parent?.rep, name),
    ...(parent ? { parentId: parent.rep.id } : {}),
    ...(body.attributes != null ? { attributes: groupAttributes(body.attributes) } : {}),
  };
  return { rep, writes: groupCreationWrites(realm.realm.id, rep) };
}

/**
 * A group's new representation and what follows from it: its name claim moves with a new name or
 * parent (conflicts are `conflictMessage`), and every subgroup's `path` is rewritten — in the same
 * transaction when they fit, else before the group's own change (commitCascade).
 */
export async function regroup(request: AdminRequest, realm: RealmConfig, tree: GroupTree, group: GroupItem, next: StoredGroupRep, conflictMessage: string): Promise<Cascade> {
  const final = groupUpdateWrites(group, next, () => new ConflictError(conflictMessage));
  // Checked up front too: a subtree too large for one transaction is rewritten before the group's
  // own change, which must then not fail on a taken name. (The transaction's condition still decides.)
  if ((next.name !== group.rep.name || next.parentId !== group.rep.parentId) && (await request.store.get(groupNameKey(realm.realm.id, next.parentId, next.name), { consistent: true }))) {
    throw new ConflictError(conflictMessage);
  }
  const updates: TransactWrite[] = [];
  if (next.path !== group.rep.path) {
    const repository = new GroupsRepository(request.store);
    for (const entry of tree.descendants(group.rep.id)) {
      const descendant = await repository.get(realm.realm.id, entry.groupId);
      if (!descendant || !descendant.rep.path.startsWith(`${group.rep.path}/`)) continue;
      const path = `${next.path}${descendant.rep.path.slice(group.rep.path.length)}`;
      updates.push({
        kind: 'updateVersioned',
        key: groupKey(realm.realm.id, descendant.rep.id),
        expectedVersion: descendant.version,
        set: { rep: { ...descendant.rep, path } },
      });
    }
  }
  return { deletes: [], updates, final };
}

/** GroupResource.updateGroup: a new name (and so path), attributes when given, the description as given. */
export function updatedGroup(group: GroupItem, body: GroupInput): StoredGroupRep {
  const name = body.name ?? group.rep.name;
  const { description: _old, attributes, ...kept } = group.rep;
  const parentPath = group.rep.path.slice(0, group.rep.path.length - group.rep.name.length - 1);
  return {
    ...kept,
    name,
    ...(body.description != null ? { description: body.description } : {}),
    path: `${parentPath}/${name}`,
    ...(body.attributes != null ? { attributes: groupAttributes(body.attributes) } : attributes ? { attributes } : {}),
  };
}

/**
 * RealmModel.moveGroup: the group goes under `parent` (top level when undefined) with its subtree.
 * Moving a group under itself changes nothing, as in Keycloak's JPA store; under one of its own
 * subgroups would cut the subtree off the hierarchy and is refused (400).
 */
export async function moveGroup(request: AdminRequest, realm: RealmConfig, tree: GroupTree, group: GroupItem, parent: GroupItem | undefined): Promise<Cascade | undefined> {
  if (parent && parent.rep.id === group.rep.id) return undefined;
  if ((group.rep.parentId ?? undefined) === parent?.rep.id) return undefined;
  if (parent && tree.isWithin(parent.rep.id, group.rep.id)) throw new AdminError(400, 'Cannot move a group into one of its subgroups');
  const { parentId: _old, ...rest } = group.rep;
  const next: StoredGroupRep = { ...rest, ...(parent ? { parentId: parent.rep.id } : {}), path: pathUnder(parent?.rep, group.rep.name) };
  return regroup(request, realm, tree, group, next, duplicateGroupMessage(group.rep.name, Boolean(parent)));
}
