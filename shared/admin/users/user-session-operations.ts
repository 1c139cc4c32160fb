import { isServiceAccountUser } from '../../realm/service-account-user.js';
import type { AdminOperation } from '../admin-handler.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';
import { userUpdateWrites } from '../../store/users.js';
import { userAt, userEventPath, userPath } from './user-access.js';
import { sessionRepresentation, userSessions } from './user-sessions.js';

/**
 * Keycloak's UserResource session endpoints: the user's online sessions and its offline sessions
 * with one client (view-users), and logout (manage-users): the user's online sessions end and the
 * user's notBefore becomes now, so tokens issued before stop working everywhere (UserResource.logout).
 * Offline sessions survive a logout, as in Keycloak.
 */
export const userSessionOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: `${userPath}/sessions`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('view-users');
      const directory = await request.directory();
      const sessions = await userSessions(request.store, realm.realm.id, user.user.rep.id, false);
      return ok(await Promise.all(sessions.map((view) => sessionRepresentation(directory, view, user.user.rep.username))));
    },
  },
  {
    method: 'GET',
    path: `${userPath}/offline-sessions/{clientUuid}`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('view-users');
      const directory = await request.directory();
      const clientUuid = request.params['clientUuid'] ?? '';
      if (!(await directory.clientByUuid(clientUuid))) throw new AdminNotFound('Client not found');
      const sessions = await userSessions(request.store, realm.realm.id, user.user.rep.id, true);
      const answer = [];
      for (const view of sessions) {
        const own = view.clients.find((client) => client.clientUuid === clientUuid);
        if (own) answer.push(await sessionRepresentation(directory, view, user.user.rep.username, own.timestamp));
      }
      return ok(answer);
    },
  },
  {
    method: 'POST',
    path: `${userPath}/logout`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const sessions = await userSessions(request.store, realm.realm.id, user.user.rep.id, false);
      await request.store.deleteMany(sessions.flatMap((view) => [view.session, ...view.clients].map(({ pk, sk }) => ({ pk, sk }))));
      const rep = { ...user.user.rep, notBefore: Math.floor(Date.now() / 1000) };
      const writes = userUpdateWrites(user.user, rep, { uniqueEmail: false, ownsEmailSentinel: false, groupIds: [] });
      await request.commit(writes, { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(rep.id, 'logout') }, { realm, config: isServiceAccountUser(user.user.rep) });
      return noContent();
    },
  },
];
