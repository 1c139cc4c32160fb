import { isServiceAccountUser } from '../../realm/service-account-user.js';
import { groupMembershipKey } from '../../store/keys.js';
import { GroupsRepository, type GroupRecord } from '../../store/groups.js';
import { groupMembershipItem } from '../../store/users.js';
import type { AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { groupsWithIds, paged, pageOf } from '../groups/group-access.js';
import { groupRepresentation } from '../groups/group-representation.js';
import { noContent, ok } from '../responses.js';
import { userAt, userEventPath, userPath, type UserAt } from './user-access.js';

const membership = `${userPath}/groups/{groupId}`;

/**
 * Keycloak's UserResource group membership endpoints: the user's groups by name (`search` keeps
 * names containing it, case-insensitively; brief unless briefRepresentation=false) and their count
 * (view-users); joining and leaving a group (manage-users), each recorded as a GROUP_MEMBERSHIP event
 * with the group's full representation — only when the membership actually changed, as in Keycloak.
 */
export const userGroupOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: `${userPath}/groups`,
    async run(request) {
      const { realm, groups } = await userGroups(request);
      const brief = request.query.boolean('briefRepresentation') !== false;
      const page = paged(groups, pageOf(request.query));
      return ok(await Promise.all(page.map((group) => groupRepresentation(request, realm, group, { full: !brief }))));
    },
  },
  {
    method: 'GET',
    path: `${userPath}/groups/count`,
    async run(request) {
      const { groups } = await userGroups(request);
      return ok({ count: groups.length });
    },
  },
  {
    method: 'PUT',
    path: membership,
    async run(request) {
      const { realm, user, group } = await membershipTarget(request);
      const userId = user.user.rep.id;
      if (user.groupIds.includes(group.rep.id)) return noContent();
      const item = groupMembershipItem(realm.realm.id, userId, user.user.rep.username, group.rep.id);
      const representation = await groupRepresentation(request, realm, group, { full: true });
      await request.commit([{ kind: 'put', item }], { operationType: 'CREATE', resourceType: 'GROUP_MEMBERSHIP', resourcePath: userEventPath(userId, 'groups', group.rep.id), representation }, { realm, config: isServiceAccountUser(user.user.rep) });
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: membership,
    async run(request) {
      const { realm, user, group } = await membershipTarget(request);
      const userId = user.user.rep.id;
      if (!user.groupIds.includes(group.rep.id)) return noContent();
      const representation = await groupRepresentation(request, realm, group, { full: true });
      const key = groupMembershipKey(realm.realm.id, userId, group.rep.id);
      await request.commit([{ kind: 'delete', key }], { operationType: 'DELETE', resourceType: 'GROUP_MEMBERSHIP', resourcePath: userEventPath(userId, 'groups', group.rep.id), representation }, { realm, config: isServiceAccountUser(user.user.rep) });
      return noContent();
    },
  },
];

/** The user's groups (view-users), filtered by `search` and ordered by name (UserModel.getGroupsStream). */
async function userGroups(request: AdminRequest): Promise<UserAt & { groups: GroupRecord[] }> {
  const at = await userAt(request);
  await request.require('view-users');
  const search = request.query.string('search')?.toLowerCase();
  const groups = (await groupsWithIds(request, at.realm, at.user.groupIds))
    .filter((group) => search === undefined || group.rep.name.toLowerCase().includes(search))
    .sort((a, b) => (a.rep.name < b.rep.name ? -1 : a.rep.name > b.rep.name ? 1 : 0));
  return { ...at, groups };
}

/** manage-users over the user, then the group (404 "Group not found"), as UserResource.joinGroup checks them. */
async function membershipTarget(request: AdminRequest): Promise<UserAt & { group: GroupRecord }> {
  const at = await userAt(request);
  await request.require('manage-users');
  const group = await new GroupsRepository(request.store).get(at.realm.realm.id, request.params['groupId'] ?? '');
  if (!group) throw new AdminNotFound('Group not found');
  return { ...at, group };
}
