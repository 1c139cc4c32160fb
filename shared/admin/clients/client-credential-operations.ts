import { HttpError } from '../../http/errors.js';
import { withNewSecret } from '../../realm/create-client.js';
import { clientUpdateWrites } from '../../store/clients.js';
import { UsersRepository } from '../../store/users.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { ok } from '../responses.js';
import { clientAt, clientEventPath } from './client-access.js';
import { SECRET_MASK } from './client-representation.js';

const client = `${mountOf('admin.clients.rest')}/{id}`;

/** A JAX-RS BadRequestException as Keycloak's error handler renders it: 400 `{"error": message}`. */
class BadRequestException extends HttpError {
  readonly statusCode = 400;
  body() {
    return { error: this.message };
  }
}

/** Keycloak's CredentialRepresentation of a client secret (UserCredentialModel.secret). */
const secretCredential = (value: string | undefined) => ({ type: 'secret', ...(value !== undefined ? { value } : {}) });

/** The client's secret and service-account user (ClientResource). */
export const clientCredentialOperations: readonly AdminOperation[] = [
  {
    // GET client-secret: only for those who may manage the client (ClientResource.getClientSecret).
    method: 'GET',
    path: `${client}/client-secret`,
    async run(request) {
      const { client: found } = await clientAt(request);
      await request.require('manage-clients');
      return ok(secretCredential(found.client.rep.secret));
    },
  },
  {
    // POST client-secret: a new secret (KeycloakModelUtils.generateSecret); the admin event records
    // the action with the value masked, as Keycloak's AdminEventBuilder strips credentials.
    method: 'POST',
    path: `${client}/client-secret`,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('manage-clients');
      const next = { ...found.client.rep };
      const secret = withNewSecret(next);
      await request.commit(
        clientUpdateWrites(found.client, next, { onConflict: () => new Error('The client was changed meanwhile') }),
        { operationType: 'ACTION', resourceType: 'CLIENT', resourcePath: clientEventPath(found.client.rep.id, 'client-secret'), representation: secretCredential(SECRET_MASK) },
        { config: true, realm },
      );
      return ok(secretCredential(secret));
    },
  },
  {
    // GET service-account-user: 400 when the client has none (ClientResource.getServiceAccountUser).
    method: 'GET',
    path: `${client}/service-account-user`,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('view-clients');
      const userId = found.client.rep.serviceAccountsEnabled ? found.client.serviceAccountUserId : undefined;
      const user = userId ? await new UsersRepository(request.store).load(realm.realm.id, userId) : undefined;
      if (!user) throw new BadRequestException(`Service account not enabled for the client '${found.client.rep.clientId}'`);
      return ok(user.user.rep);
    },
  },
];
