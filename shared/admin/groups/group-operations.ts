import { AdminError } from '../../http/errors.js';
import { groupItem, GroupsRepository } from '../../store/groups.js';
import { groupMemberListingPartition, userIdOfPartition } from '../../store/keys.js';
import { offsetPage } from '../../store/offset-page.js';
import type { Item } from '../../store/store.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminNotFound } from '../errors.js';
import { commitCascade } from '../roles/cascade.js';
import { requestResourcePath } from '../roles/resource-path.js';
import { noContent, ok } from '../responses.js';
import { groupAt, groupEventPath, groupsWithIds, groupTree, paged, pageOf } from './group-access.js';
import { groupRemoval } from './group-delete.js';
import { flatGroups } from './group-hierarchy.js';
import { groupAccess, groupRepresentation } from './group-representation.js';
import { groupSchema } from './group-schema.js';
import { moveGroup, newGroup, regroup, requireGroupName, updatedGroup } from './group-writes.js';
import { memberRepresentation, usersWithIds } from './member-representation.js';

const group = `${mountOf('admin.groups.rest')}/{id}`;

/** One group (Keycloak's GroupResource): read, update, delete, subgroups and members. */
export const groupOperations: readonly AdminOperation[] = [
  {
    // GET: the full representation with the caller's access and the subgroup count (view-users).
    method: 'GET',
    path: group,
    async run(request) {
      const { realm, group: found } = await groupAt(request);
      await request.require('view-users');
      const tree = await groupTree(request, realm);
      return ok(await groupRepresentation(request, realm, found, { full: true, access: await groupAccess(request), subGroupCount: tree.subGroupCount(found.rep.id) }));
    },
  },
  {
    // PUT: name (required), description and attributes; subgroups and roles in the body are ignored.
    // A rename rewrites the paths of the whole subtree; a sibling's name is 409.
    method: 'PUT',
    path: group,
    async run(request) {
      const { realm, group: found } = await groupAt(request);
      await request.require('manage-users');
      const body = request.body(groupSchema);
      requireGroupName(body);
      if (body.id != null && body.id !== found.rep.id) throw new AdminError(400, 'Invalid group id');
      const next = updatedGroup(found, body);
      const cascade = await regroup(request, realm, await groupTree(request, realm), found, next, `Sibling group named '${next.name}' already exists.`);
      await commitCascade(request, realm, cascade, { operationType: 'UPDATE', resourceType: 'GROUP', resourcePath: groupEventPath(found.rep.id), representation: body }, true);
      return noContent();
    },
  },
  {
    // DELETE: the group, its subgroups, their role mappings and memberships (manage-users).
    method: 'DELETE',
    path: group,
    async run(request) {
      const { realm, group: found } = await groupAt(request);
      await request.require('manage-users');
      const cascade = await groupRemoval(request.store, realm, await groupTree(request, realm), found);
      await commitCascade(request, realm, cascade, { operationType: 'DELETE', resourceType: 'GROUP', resourcePath: groupEventPath(found.rep.id) }, true);
      return noContent();
    },
  },
  {
    // GET /children: subgroups by name, filtered by `search` (`exact`), first=0, max=10, full unless
    // briefRepresentation, with subgroup counts unless subGroupsCount=false.
    method: 'GET',
    path: `${group}/children`,
    async run(request) {
      const { realm, group: found } = await groupAt(request);
      await request.require('view-users');
      const { query } = request;
      const tree = await groupTree(request, realm);
      const search = query.string('search');
      const exact = query.boolean('exact') ?? false;
      const children = tree
        .childrenOf(found.rep.id)
        .filter((entry) => search === undefined || (exact ? entry.name === search : entry.name.toLowerCase().includes(search.toLowerCase())));
      const page = paged(children, pageOf(query, { max: 10 }));
      const records = await groupsWithIds(request, realm, page.map((entry) => entry.groupId));
      const view = { full: !(query.boolean('briefRepresentation') ?? false), access: await groupAccess(request), subGroupsCount: query.boolean('subGroupsCount') ?? true };
      return ok(await flatGroups(request, realm, tree, records, view));
    },
  },
  {
    // POST /children: a new subgroup (201, Location and its representation), or — with an id — an
    // existing group moved under this one (204). manage-users.
    method: 'POST',
    path: `${group}/children`,
    async run(request) {
      const { realm, group: parent } = await groupAt(request);
      await request.require('manage-users');
      const body = request.body(groupSchema);
      requireGroupName(body);
      const resourcePath = requestResourcePath(request);
      if (body.id != null) {
        const child = await new GroupsRepository(request.store).get(realm.realm.id, body.id);
        if (!child) throw new AdminNotFound('Could not find child by id');
        const cascade = await moveGroup(request, realm, await groupTree(request, realm), child, parent);
        await commitCascade(request, realm, cascade ?? { deletes: [], updates: [], final: [] }, { operationType: 'UPDATE', resourceType: 'GROUP', resourcePath, representation: body }, true);
        return noContent();
      }
      const { rep, writes } = newGroup(realm, body, parent);
      await request.commit(writes, { operationType: 'CREATE', resourceType: 'GROUP', resourcePath, representation: { ...body, id: rep.id } }, { config: true, realm });
      // Keycloak's Location is the new group's own URL (groups/{id}), not one under the parent.
      const location = `${request.baseUrl}${request.event.rawPath.replace(/\/[^/]+\/children\/*$/, '')}/${encodeURIComponent(rep.id)}`;
      const child = await groupRepresentation(request, realm, { ...groupItem(realm.realm.id, rep), roleMappings: [] }, { full: true, access: await groupAccess(request) });
      const response = ok(child);
      return { ...response, statusCode: 201, headers: { ...response.headers, location } };
    },
  },
  {
    // GET /members: the group's direct members by username, first=0, max=100 (view-users).
    method: 'GET',
    path: `${group}/members`,
    async run(request) {
      const { realm, group: found } = await groupAt(request);
      await request.require('view-users');
      const realmId = realm.realm.id;
      const page = pageOf(request.query, { max: 100 });
      const memberships = await offsetPage<Item>(request.store, { partition: groupMemberListingPartition(realmId, found.rep.id), index: 'gsi1' }, page);
      const ids = memberships.map((item) => userIdOfPartition(realmId, item.pk)).filter((id): id is string => id !== undefined);
      const brief = request.query.boolean('briefRepresentation') ?? false;
      return ok((await usersWithIds(request.store, realmId, ids)).map((user) => memberRepresentation(user, brief)));
    },
  },
];
