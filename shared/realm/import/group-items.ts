import { randomUUID } from 'node:crypto';
import { groupAttributes } from '../../admin/groups/group-schema.js';
import { defaultGroupItem, groupCreationWrites } from '../../store/groups.js';
import type { RoleRef } from '../../store/roles.js';
import type { Item } from '../../store/store.js';
import { itemOf, type RealmContentIndex } from '../realm-content.js';
import { InvalidRealmError } from '../realm-errors.js';
import { DuplicateInRealmError } from './content-plan.js';
import type { RealmInput } from './realm-schema.js';

type GroupInput = NonNullable<RealmInput['groups']>[number];

/** A realm's groups as items, and their ids by full path (for memberships and default groups). */
export interface GroupPlan {
  readonly items: Item[];
  readonly idsByPath: ReadonlyMap<string, string>;
}

/**
 * RepresentationToModel.importGroup for the whole tree: each group keeps its id (or gets one), its
 * path is its parent's plus its name, its realm and client role mappings are resolved by name (the
 * roles exist: the content plan created the ones only mappings named), its attributes are kept.
 * Sibling names are unique (409 otherwise).
 */
export function planGroups(realmId: string, groups: readonly GroupInput[], index: RealmContentIndex): GroupPlan {
  const items: Item[] = [];
  const idsByPath = new Map<string, string>();
  const visit = (group: GroupInput, parent?: { id: string; path: string }) => {
    if (!group.name) throw new InvalidRealmError('A group in the realm has no name');
    const path = `${parent?.path ?? ''}/${group.name}`;
    if (idsByPath.has(path)) throw new DuplicateInRealmError(`Group ${path} already exists`);
    const id = group.id ?? randomUUID();
    idsByPath.set(path, id);
    const roles: RoleRef[] = (group.realmRoles ?? []).map((name) => index.realmRole(name.trim()));
    for (const [clientId, names] of Object.entries(group.clientRoles ?? {})) {
      for (const name of names ?? []) roles.push(index.clientRole(clientId, name.trim()));
    }
    const rep = {
      id,
      name: group.name,
      path,
      ...(group.description ? { description: group.description } : {}),
      ...(parent ? { parentId: parent.id } : {}),
      attributes: groupAttributes(group.attributes),
    };
    items.push(...groupCreationWrites(realmId, rep, roles).map(itemOf));
    for (const child of group.subGroups ?? []) visit(child, { id, path });
  };
  for (const group of groups) visit(group);
  return { items, idsByPath };
}

/** KeycloakModelUtils.setDefaultGroups: each path must name a group of the file. */
export function defaultGroupItems(realmId: string, paths: readonly string[], groups: GroupPlan): Item[] {
  return paths.map((path) => {
    const id = groups.idsByPath.get(normalPath(path));
    if (!id) throw new InvalidRealmError(`Default group in realm rep doesn't exist: ${path}`);
    return defaultGroupItem(realmId, id);
  });
}

/** Keycloak accepts group paths with or without the leading slash. */
export function normalPath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}
