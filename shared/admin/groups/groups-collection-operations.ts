import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminNotFound } from '../errors.js';
import { commitCascade } from '../roles/cascade.js';
import { requestResourcePath } from '../roles/resource-path.js';
import { created, noContent, ok } from '../responses.js';
import { groupEventPath, groupsWithIds, groupTree, paged, pageOf } from './group-access.js';
import { flatGroups, groupHierarchy, searchFields } from './group-hierarchy.js';
import { groupAccess } from './group-representation.js';
import { groupSchema } from './group-schema.js';
import { moveGroup, newGroup, requireGroupName } from './group-writes.js';
import { GroupsRepository } from '../../store/groups.js';

const groups = mountOf('admin.groups');

/** The realm's groups collection (Keycloak's GroupsResource). */
export const groupsCollectionOperations: readonly AdminOperation[] = [
  {
    // GET: top-level groups, or groups at any depth matching `search` (name) or `q` (attributes), each
    // inside its ancestors unless populateHierarchy=false. Listing takes query-groups; only callers
    // who may view groups (view-users) see any, as GroupPermissions filters them.
    method: 'GET',
    path: groups,
    async run(request) {
      await request.require('query-groups');
      const realm = await request.realm();
      const { query } = request;
      const page = pageOf(query);
      const tree = await groupTree(request, realm);
      const search = query.string('search');
      const q = query.string('q');
      const matches =
        q !== undefined
          ? tree.withAttributes(searchFields(q))
          : search !== undefined
            ? tree.named(search.trim(), query.boolean('exact') ?? false)
            : [...tree.childrenOf(undefined)];
      if (!(await request.has('view-users'))) return ok([]);
      const found = await groupsWithIds(request, realm, paged(matches, page).map((entry) => entry.groupId));
      const view = { full: !(query.boolean('briefRepresentation') ?? true), access: await groupAccess(request), subGroupsCount: query.boolean('subGroupsCount') ?? true };
      const populate = query.boolean('populateHierarchy') ?? true;
      return ok(populate ? await groupHierarchy(request, realm, tree, found, view) : await flatGroups(request, realm, tree, found, view));
    },
  },
  {
    // GET /count: {"count": n} — groups whose name contains `search`, top-level groups (`top`), or all.
    method: 'GET',
    path: `${groups}/count`,
    async run(request) {
      await request.require('query-groups');
      const tree = await groupTree(request, await request.realm());
      const search = request.query.string('search');
      const count = search !== undefined ? tree.named(search, false).length : request.query.boolean('top') ? tree.childrenOf(undefined).length : tree.size;
      return ok({ count });
    },
  },
  {
    // POST: a new top-level group (201, Location with its id), or — with an id — an existing group
    // moved to the top level (204). manage-users.
    method: 'POST',
    path: groups,
    async run(request) {
      await request.require('manage-users');
      const realm = await request.realm();
      const body = request.body(groupSchema);
      requireGroupName(body);
      if (body.id != null) {
        const group = await new GroupsRepository(request.store).get(realm.realm.id, body.id);
        if (!group) throw new AdminNotFound('Could not find child by id');
        const cascade = await moveGroup(request, realm, await groupTree(request, realm), group, undefined);
        const event = { operationType: 'UPDATE' as const, resourceType: 'GROUP', resourcePath: requestResourcePath(request), representation: body };
        await commitCascade(request, realm, cascade ?? { deletes: [], updates: [], final: [] }, event, true);
        return noContent();
      }
      const { rep, writes } = newGroup(realm, body);
      await request.commit(writes, { operationType: 'CREATE', resourceType: 'GROUP', resourcePath: groupEventPath(rep.id), representation: { ...body, id: rep.id } }, { config: true, realm });
      return created(request, rep.id);
    },
  },
];
