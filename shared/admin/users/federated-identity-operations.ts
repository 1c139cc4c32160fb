import { federatedIdentityKey } from '../../store/keys.js';
import { federatedIdentityItem } from '../../store/users.js';
import type { AdminOperation } from '../admin-handler.js';
import { AdminConflict, AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';
import { userAt, userEventPath, userPath } from './user-access.js';
import { federatedIdentity } from './user-representation.js';
import { federatedIdentitySchema } from './user-schema.js';

const link = `${userPath}/federated-identity/{provider}`;

/**
 * Keycloak's UserResource federated identity endpoints: the user's links to identity provider
 * accounts (view-users), adding one (manage-users; 409 "User is already linked with provider") and
 * removing one (404 "Link not found"). Links are items of the user partition, listed per provider for
 * the idpAlias / idpUserId searches. Gatehouse has no identity provider store yet, so links are kept
 * and listed whatever the alias (Keycloak hides links to providers the realm no longer has).
 */
export const federatedIdentityOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: `${userPath}/federated-identity`,
    async run(request) {
      const { user } = await userAt(request);
      await request.require('view-users');
      return ok(user.federatedIdentities.map(federatedIdentity));
    },
  },
  {
    method: 'POST',
    path: link,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const provider = request.params['provider'] ?? '';
      const body = request.body(federatedIdentitySchema);
      if (user.federatedIdentities.some((held) => held.identityProvider === provider)) throw new AdminConflict('User is already linked with provider');
      const userId = user.user.rep.id;
      const item = federatedIdentityItem(realm.realm.id, userId, { identityProvider: provider, userId: body?.userId ?? '', userName: body?.userName ?? '' });
      const conflict = () => new AdminConflict('User is already linked with provider');
      await request.commit([{ kind: 'create', item, onConflict: conflict }], { operationType: 'CREATE', resourceType: 'USER', resourcePath: userEventPath(userId, 'federated-identity', provider), representation: body ?? undefined }, { realm });
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: link,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const provider = request.params['provider'] ?? '';
      if (!user.federatedIdentities.some((held) => held.identityProvider === provider)) throw new AdminNotFound('Link not found');
      const userId = user.user.rep.id;
      const key = federatedIdentityKey(realm.realm.id, userId, provider);
      await request.commit([{ kind: 'delete', key, mustExist: true, onConflict: () => new AdminNotFound('Link not found') }], { operationType: 'DELETE', resourceType: 'USER', resourcePath: userEventPath(userId, 'federated-identity', provider) }, { realm });
      return noContent();
    },
  },
];
