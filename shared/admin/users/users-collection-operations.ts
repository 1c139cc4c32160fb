import { mountOf, type AdminOperation } from '../admin-handler.js';
import { created, ok } from '../responses.js';
import { eventRepresentation } from './representation-credentials.js';
import { userAccess, userEventPath, usersPath } from './user-access.js';
import { planUserCreation } from './user-create.js';
import { pageOfStream } from '../../store/offset-page.js';
import { matchingUsers } from './user-listing.js';
import { briefUser, listedUser } from './user-representation.js';
import { userSchema } from './user-schema.js';
import { userCriteria } from './user-search.js';

/**
 * Keycloak's UsersResource: create, list and count. Listing and counting need query-users; a listing
 * shows only users the caller may view (UserPermissions.canView, i.e. view-users), so a caller with
 * query-users alone gets an empty page but a true count, as in Keycloak without fine-grained permissions.
 */
export const usersCollectionOperations: readonly AdminOperation[] = [
  {
    method: 'POST',
    path: usersPath,
    async run(request) {
      await request.require('manage-users');
      const realm = await request.realm();
      const body = request.body(userSchema);
      const { rep, writes } = await planUserCreation(request, realm, body);
      await request.commit(writes, { operationType: 'CREATE', resourceType: 'USER', resourcePath: userEventPath(rep.id), representation: eventRepresentation(body) }, { realm });
      return created(request, rep.id);
    },
  },
  {
    method: 'GET',
    path: usersPath,
    async run(request) {
      await request.require('query-users');
      const realm = await request.realm();
      const criteria = userCriteria(request.query);
      const brief = request.query.boolean('briefRepresentation') === true;
      const page = request.query.page(100);
      if (!(await request.has('view-users'))) return ok([]);
      const access = await userAccess(request);
      const users = await pageOfStream(matchingUsers(request.store, realm.realm.id, criteria), page);
      return ok(users.map((user) => (brief ? briefUser(user.rep, access) : listedUser(user.rep, access))));
    },
  },
  {
    method: 'GET',
    path: `${mountOf('admin.users.rest')}/count`,
    async run(request) {
      await request.require('query-users');
      const realm = await request.realm();
      const criteria = userCriteria(request.query);
      // `search=id:...` counts the user only for callers who may view it (UsersResource.getUsersCount).
      if (criteria.id !== undefined && !(await request.has('view-users'))) return ok(0);
      let count = 0;
      for await (const _ of matchingUsers(request.store, realm.realm.id, criteria)) count++;
      return ok(count);
    },
  },
];
