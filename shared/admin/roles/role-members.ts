import type { RealmConfig } from '../../realm/realm-config.js';
import { roleGroupListingPartition, roleHolderListingPartition, userIdOfPartition } from '../../store/keys.js';
import { offsetPage } from '../../store/offset-page.js';
import type { RoleRecord } from '../../store/roles.js';
import type { Item } from '../../store/store.js';
import type { AdminRequest } from '../admin-request.js';
import { groupsWithIds, pageOf } from '../groups/group-access.js';
import { groupRepresentation } from '../groups/group-representation.js';
import { memberRepresentation, usersWithIds } from '../groups/member-representation.js';

/**
 * RoleContainerResource.getUsersInRole: the users the role is mapped to directly
 * (UserProvider.getRoleMembersStream), first=0, max=100, full representations unless
 * briefRepresentation. Listed by user id, from the role's holder index (gsi2).
 */
export async function usersInRole(request: AdminRequest, realm: RealmConfig, role: RoleRecord): Promise<unknown[]> {
  const realmId = realm.realm.id;
  const holders = await offsetPage<Item>(request.store, { partition: roleHolderListingPartition(realmId, role.rep.id), index: 'gsi2' }, pageOf(request.query, { max: 100 }));
  const ids = holders.map((item) => userIdOfPartition(realmId, item.pk)).filter((id): id is string => id !== undefined);
  const brief = request.query.boolean('briefRepresentation') ?? false;
  return (await usersWithIds(request.store, realmId, ids)).map((user) => memberRepresentation(user, brief));
}

/**
 * RoleContainerResource.getGroupsInRole: the groups the role is mapped to (GroupProvider.getGroupsByRoleStream),
 * first=0, max=100, brief unless briefRepresentation=false.
 */
export async function groupsInRole(request: AdminRequest, realm: RealmConfig, role: RoleRecord): Promise<unknown[]> {
  const holders = await offsetPage<Item & { gsi2sk: string }>(
    request.store,
    { partition: roleGroupListingPartition(realm.realm.id, role.rep.id), index: 'gsi2' },
    pageOf(request.query, { max: 100 }),
  );
  const groups = await groupsWithIds(request, realm, holders.map((item) => item.gsi2sk));
  const full = !(request.query.boolean('briefRepresentation') ?? true);
  return Promise.all(groups.map((group) => groupRepresentation(request, realm, group, { full })));
}
