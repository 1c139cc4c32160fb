import type { RealmConfig } from '../../realm/realm-config.js';
import { GroupsRepository, type GroupRecord } from '../../store/groups.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import type { AdminQuery } from '../query.js';
import { GroupTree } from './group-tree.js';

/** The group the path names (GroupsResource.getGroupById): 404 "Could not find group by id". */
export async function groupAt(request: AdminRequest, param = 'id'): Promise<{ realm: RealmConfig; group: GroupRecord }> {
  const realm = await request.realm();
  const group = await new GroupsRepository(request.store).get(realm.realm.id, request.params[param] ?? '');
  if (!group) throw new AdminNotFound('Could not find group by id');
  return { realm, group };
}

export async function groupTree(request: AdminRequest, realm: RealmConfig): Promise<GroupTree> {
  return new GroupTree(await new GroupsRepository(request.store).index(realm.realm.id));
}

/** Groups by id, in the order asked, skipping any that no longer exist. */
export async function groupsWithIds(request: AdminRequest, realm: RealmConfig, ids: readonly string[]): Promise<GroupRecord[]> {
  const repository = new GroupsRepository(request.store);
  const groups = await Promise.all(ids.map((id) => repository.get(realm.realm.id, id)));
  return groups.filter((group): group is GroupRecord => group !== undefined);
}

/**
 * Keycloak's `first` / `max` where a null `max` means no limit and negative values are ignored
 * (paginateQuery / StreamsUtil.paginatedStream).
 */
export function pageOf(query: AdminQuery, defaults: { first?: number; max?: number } = {}): { first: number; max: number | undefined } {
  const first = query.integer('first') ?? defaults.first ?? 0;
  const max = query.integer('max') ?? defaults.max;
  return { first: Math.max(0, first), max: max === undefined || max < 0 ? undefined : max };
}

export function paged<T>(items: readonly T[], page: { first: number; max: number | undefined }): T[] {
  return items.slice(page.first, page.max === undefined ? undefined : page.first + page.max);
}

/** The admin event path of a group. */
export const groupEventPath = (groupId: string, ...rest: string[]): string => ['groups', groupId, ...rest].join('/');
