import type { AdminOperation } from '../admin-handler.js';
import { noContent } from '../responses.js';
import { userAt, userEventPath, userPath } from './user-access.js';
import { requiredActionsBodySchema } from './user-schema.js';

/**
 * Keycloak's UserResource.removeTotp and disableCredentialType (manage-users). Both ask the user's
 * credential manager to disable credential types, which only CredentialInputUpdater providers
 * supporting the type act on: for a local user that is PasswordCredentialProvider, whose
 * disableCredentialType does nothing (OTPCredentialProvider is no updater), so the stored credentials
 * stay, as the empty `disableableCredentialTypes` of the representation says. Every Gatehouse user is
 * local; OTP credentials are removed with DELETE credentials/{id}. remove-totp records its ACTION
 * admin event as Keycloak does; disable-credential-types records none, as in Keycloak.
 */
export const credentialTypeOperations: readonly AdminOperation[] = [
  {
    method: 'PUT',
    path: `${userPath}/remove-totp`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      await request.commit([], { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(user.user.rep.id, 'remove-totp') }, { realm });
      return noContent();
    },
  },
  {
    method: 'PUT',
    path: `${userPath}/disable-credential-types`,
    async run(request) {
      await userAt(request);
      await request.require('manage-users');
      // A JSON list of type names (or null); anything else is a 400 like any malformed body.
      if (request.event.body) request.body(requiredActionsBodySchema);
      return noContent();
    },
  },
];
