import type { AdminOperation } from '../admin-handler.js';
import { noContent, ok } from '../responses.js';
import { isServiceAccountUser } from '../../realm/service-account-user.js';
import { commitCascade } from '../roles/cascade.js';
import { eventRepresentation } from './representation-credentials.js';
import { userAccess, userAt, userEventPath, userPath } from './user-access.js';
import { userRemoval } from './user-delete.js';
import { fullUser } from './user-representation.js';
import { userSchema } from './user-schema.js';
import { planUserUpdate } from './user-update.js';

/** Keycloak's UserResource: one user, read (view-users), updated and deleted (manage-users). */
export const userOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: userPath,
    async run(request) {
      const { user } = await userAt(request);
      await request.require('view-users');
      // userProfileMetadata=true asks for the user profile's attribute metadata, which Gatehouse has no configuration for.
      return ok(fullUser(user, await userAccess(request)));
    },
  },
  {
    method: 'PUT',
    path: userPath,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const body = request.body(userSchema);
      const writes = await planUserUpdate(request, realm, user, body);
      await request.commit(writes, { operationType: 'UPDATE', resourceType: 'USER', resourcePath: userEventPath(user.user.rep.id), representation: eventRepresentation(body) }, { realm, config: isServiceAccountUser(user.user.rep) });
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: userPath,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const cascade = await userRemoval(request.store, realm, user);
      await commitCascade(request, realm, cascade, { operationType: 'DELETE', resourceType: 'USER', resourcePath: userEventPath(user.user.rep.id) }, isServiceAccountUser(user.user.rep));
      return noContent();
    },
  },
];
