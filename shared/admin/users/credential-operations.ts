import { ProtocolError } from '../../http/errors.js';
import { bodyText } from '../../http/request.js';
import { credentialKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import type { AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';
import { AdminBadRequestException } from '../roles/role-errors.js';
import { passwordWrites, realmPasswordPolicy, storedCredentialOf } from './password-change.js';
import { userAt, userEventPath, userPath, type UserAt } from './user-access.js';
import { credentialRepresentation, visibleCredentials } from './user-representation.js';
import { credentialBodySchema } from './user-schema.js';
import { userUpdateWrites } from '../../store/users.js';

const credential = `${userPath}/credentials/{credentialId}`;

/**
 * Keycloak's UserResource credential endpoints: reset-password (manage-users; a temporary password
 * asks for UPDATE_PASSWORD, a permanent one withdraws it), the credentials list without secrets
 * (view-users), removing a credential and relabelling it (manage-users), and the user-storage
 * credential types (always empty: every Gatehouse user is local).
 */
export const credentialOperations: readonly AdminOperation[] = [
  {
    method: 'PUT',
    path: `${userPath}/reset-password`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const cred = request.body(credentialBodySchema);
      if (cred?.value == null) throw new AdminBadRequestException('No password provided');
      if (cred.value.trim() === '') throw new AdminBadRequestException('Empty password not allowed');
      const rep = user.user.rep;
      const owner = { realmId: realm.realm.id, userId: rep.id, username: rep.username, email: rep.email, credentials: user.credentials.map(storedCredentialOf) };
      const writes = await passwordWrites(realmPasswordPolicy(realm), owner, cred.value);
      const others = (rep.requiredActions ?? []).filter((action) => action !== 'UPDATE_PASSWORD');
      const requiredActions = cred.temporary === true ? [...others, 'UPDATE_PASSWORD'] : others;
      if (requiredActions.join() !== (rep.requiredActions ?? []).join()) {
        writes.push(...userUpdateWrites(user.user, { ...rep, requiredActions }, { uniqueEmail: false, ownsEmailSentinel: false, groupIds: [] }));
      }
      await request.commit(writes, { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(rep.id, 'reset-password') }, { realm });
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${userPath}/credentials`,
    async run(request) {
      const { user } = await userAt(request);
      await request.require('view-users');
      return ok(visibleCredentials(user).map(credentialRepresentation));
    },
  },
  {
    method: 'DELETE',
    path: credential,
    async run(request) {
      const found = await credentialAt(request);
      const writes: TransactWrite[] = [{ kind: 'delete', key: credentialKey(found.realm.realm.id, found.user.user.rep.id, found.credentialId) }];
      await request.commit(writes, { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(found.user.user.rep.id, 'credentials', found.credentialId) }, { realm: found.realm });
      return noContent();
    },
  },
  {
    method: 'PUT',
    path: `${credential}/userLabel`,
    async run(request) {
      const found = await credentialAt(request);
      const label = bodyText(request.event);
      if (label.trim() === '') throw new ProtocolError(400, 'missingCredentialLabel', 'Credential label must not be empty');
      const stored = { ...storedCredentialOf(found.record), userLabel: label };
      const item = { ...credentialKey(found.realm.realm.id, found.user.user.rep.id, stored.id), entity: 'Credential', ...stored };
      // Keycloak records no admin event for a new label; Gatehouse records every admin write (DESIGN.md §9).
      const path = userEventPath(found.user.user.rep.id, 'credentials', stored.id, 'userLabel');
      await request.commit([{ kind: 'put', item }], { operationType: 'UPDATE', resourceType: 'USER', resourcePath: path }, { realm: found.realm });
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${userPath}/configured-user-storage-credential-types`,
    async run(request) {
      await userAt(request);
      await request.require('view-users');
      return ok([]);
    },
  },
];

/** The user's credential the path names (also used by credential-order-operations): 404 "Credential not found" (manage-users checked first). */
export async function credentialAt(request: AdminRequest): Promise<UserAt & { credentialId: string; record: ReturnType<typeof visibleCredentials>[number] }> {
  const at = await userAt(request);
  await request.require('manage-users');
  const credentialId = request.params['credentialId'] ?? '';
  const record = visibleCredentials(at.user).find((candidate) => candidate.id === credentialId);
  if (!record) throw new AdminNotFound('Credential not found');
  return { ...at, credentialId, record };
}
