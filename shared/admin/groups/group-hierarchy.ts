import type { GroupRepresentation } from '../../model/group.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { GroupsRepository, type GroupRecord } from '../../store/groups.js';
import type { AdminRequest } from '../admin-request.js';
import { groupRepresentation, type GroupAccess } from './group-representation.js';
import type { GroupTree } from './group-tree.js';

export interface ListingView {
  readonly full: boolean;
  readonly access: GroupAccess;
  readonly subGroupsCount: boolean;
}

/** Groups as a flat list, each with its access and (when asked) its subgroup count. */
export async function flatGroups(request: AdminRequest, realm: RealmConfig, tree: GroupTree, groups: readonly GroupRecord[], view: ListingView): Promise<GroupRepresentation[]> {
  return Promise.all(
    groups.map((group) =>
      groupRepresentation(request, realm, group, {
        full: view.full,
        access: view.access,
        ...(view.subGroupsCount ? { subGroupCount: tree.subGroupCount(group.rep.id) } : {}),
      }),
    ),
  );
}

/**
 * GroupUtils.populateGroupHierarchyFromSubGroups: each group found is returned inside its ancestors,
 * from its top-level group down, with no other siblings; groups sharing ancestors share them. The
 * top-level groups come back by name.
 */
export async function groupHierarchy(request: AdminRequest, realm: RealmConfig, tree: GroupTree, groups: readonly GroupRecord[], view: ListingView): Promise<GroupRepresentation[]> {
  const repository = new GroupsRepository(request.store);
  const records = new Map<string, Promise<GroupRecord | undefined>>();
  const load = (id: string) => {
    let record = records.get(id);
    if (!record) records.set(id, (record = repository.get(realm.realm.id, id)));
    return record;
  };
  const reps = new Map<string, GroupRepresentation>();
  const represent = async (group: GroupRecord) => {
    let rep = reps.get(group.rep.id);
    if (!rep) {
      const count = view.subGroupsCount ? { subGroupCount: tree.subGroupCount(group.rep.id) } : {};
      rep = await groupRepresentation(request, realm, group, { full: view.full, access: view.access, subGroups: [], ...count });
      reps.set(group.rep.id, rep);
    }
    return rep;
  };
  const roots = new Map<string, GroupRepresentation>();
  for (const group of groups) {
    let current = group;
    let rep = await represent(current);
    if (!current.rep.parentId) roots.set(current.rep.id, rep);
    const seen = new Set([current.rep.id]);
    while (current.rep.parentId && !seen.has(current.rep.parentId)) {
      const parent = await load(current.rep.parentId);
      if (!parent) break;
      const parentRep = await represent(parent);
      if (!parentRep.subGroups!.some((child) => child.id === rep.id)) parentRep.subGroups!.push(rep);
      seen.add(parent.rep.id);
      current = parent;
      rep = parentRep;
      if (!current.rep.parentId) roots.set(current.rep.id, rep);
    }
  }
  return [...roots.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * SearchQueryUtils.getFields: `key:value` pairs separated by spaces; a key or value may be quoted
 * ("a b":"c d") with backslash escapes.
 */
export function searchFields(query: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const pattern = /\s*(?:([^"][^: ]+)|"((?:\\.|[^"])+)"):(?:([^"][^ ]*)|"((?:\\.|[^"])+)")\s*/g;
  const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
  for (const match of query.matchAll(pattern)) {
    const name = match[1] ?? unescape(match[2] ?? '');
    const value = match[3] ?? unescape(match[4] ?? '');
    if (name) fields[name] = value;
  }
  return fields;
}
