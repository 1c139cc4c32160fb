import { defaultGroupItem, GroupsRepository } from '../../store/groups.js';
import { defaultGroupKey } from '../../store/keys.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { requestResourcePath } from '../roles/resource-path.js';
import { noContent, ok } from '../responses.js';
import { groupsWithIds, groupTree } from './group-access.js';
import { groupRepresentation } from './group-representation.js';

const defaultGroups = mountOf('admin.default-groups');
const defaultGroup = `${mountOf('admin.default-groups.rest')}/{groupId}`;
const groupByPath = `${mountOf('admin.group-by-path')}/{path+}`;

/** The group a default-groups path names: 404 "Group not found" (RealmAdminResource). */
async function namedGroup(request: AdminRequest) {
  const realm = await request.realm();
  const group = await new GroupsRepository(request.store).get(realm.realm.id, request.params['groupId'] ?? '');
  if (!group) throw new AdminNotFound('Group not found');
  return { realm, group };
}

/**
 * The realm's group-level endpoints (Keycloak's RealmAdminResource): a group by path, and the default
 * groups every new user joins. Default groups are realm configuration (items in the realm partition).
 */
export const realmGroupOperations: readonly AdminOperation[] = [
  {
    // GET /group-by-path/{path}: the full representation of the group at that path (view-users).
    method: 'GET',
    path: groupByPath,
    async run(request) {
      const realm = await request.realm();
      const entry = (await groupTree(request, realm)).atPath(request.params['path'] ?? '');
      const [group] = entry ? await groupsWithIds(request, realm, [entry.groupId]) : [];
      if (!group) throw new AdminNotFound('Group path does not exist');
      await request.require('view-users');
      return ok(await groupRepresentation(request, realm, group, { full: true }));
    },
  },
  {
    // GET /default-groups: brief representations (view-realm).
    method: 'GET',
    path: defaultGroups,
    async run(request) {
      await request.require('view-realm');
      const realm = await request.realm();
      const ids = await new GroupsRepository(request.store).defaultGroupIds(realm.realm.id);
      const groups = await groupsWithIds(request, realm, ids);
      return ok(await Promise.all(groups.map((group) => groupRepresentation(request, realm, group, { full: false }))));
    },
  },
  {
    method: 'PUT',
    path: defaultGroup,
    async run(request) {
      await request.require('manage-realm');
      const { realm, group } = await namedGroup(request);
      await request.commit(
        [{ kind: 'put', item: defaultGroupItem(realm.realm.id, group.rep.id) }],
        { operationType: 'CREATE', resourceType: 'GROUP', resourcePath: requestResourcePath(request) },
        { config: true, realm },
      );
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: defaultGroup,
    async run(request) {
      await request.require('manage-realm');
      const { realm, group } = await namedGroup(request);
      await request.commit(
        [{ kind: 'delete', key: defaultGroupKey(realm.realm.id, group.rep.id) }],
        { operationType: 'DELETE', resourceType: 'GROUP', resourcePath: requestResourcePath(request) },
        { config: true, realm },
      );
      return noContent();
    },
  },
];
