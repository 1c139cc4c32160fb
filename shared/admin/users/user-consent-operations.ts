import { clientSessionKey, userSessionKey, type ItemKey } from '../../store/keys.js';
import type { AdminOperation } from '../admin-handler.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';
import { userAt, userEventPath, userPath } from './user-access.js';
import { userSessions } from './user-sessions.js';

/**
 * Keycloak's UserResource consent endpoints. Gatehouse keeps no consent grants yet (no consent
 * screen), so what a user has granted are its offline tokens: each client holding one is listed as
 * Keycloak lists a client with an offline token and no explicit consent, and revoking the "consent"
 * of a client ends the user's offline sessions with it (UserConsentManager.revokeConsentToClient).
 */
export const userConsentOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: `${userPath}/consents`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('view-users');
      const directory = await request.directory();
      const clientUuids = new Set((await userSessions(request.store, realm.realm.id, user.user.rep.id, true)).flatMap((view) => view.clients.map((client) => client.clientUuid)));
      const consents = [];
      for (const clientUuid of clientUuids) {
        const client = await directory.clientByUuid(clientUuid);
        if (!client) continue;
        consents.push({
          clientId: client.client.rep.clientId,
          grantedClientScopes: [],
          createdDate: null,
          lastUpdatedDate: null,
          additionalGrants: [{ client: clientUuid, key: 'Offline Token' }],
        });
      }
      return ok(consents);
    },
  },
  {
    method: 'DELETE',
    path: `${userPath}/consents/{client}`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const realmId = realm.realm.id;
      const client = await (await request.directory()).client(request.params['client'] ?? '');
      if (!client) throw new AdminNotFound('Client not found');
      const clientUuid = client.client.rep.id;
      const deletes: ItemKey[] = [];
      for (const view of await userSessions(request.store, realmId, user.user.rep.id, true)) {
        if (!view.clients.some((held) => held.clientUuid === clientUuid)) continue;
        deletes.push(clientSessionKey(realmId, view.session.id, clientUuid, true));
        // UserSessionManager.revokeOfflineToken: an offline session left without clients ends.
        if (view.clients.length === 1) deletes.push(userSessionKey(realmId, view.session.id, true));
      }
      if (deletes.length === 0) throw new AdminNotFound('Consent nor offline token not found');
      await request.store.deleteMany(deletes);
      await request.commit([], { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(user.user.rep.id, 'consents', client.client.rep.clientId) }, { realm });
      return noContent();
    },
  },
];
