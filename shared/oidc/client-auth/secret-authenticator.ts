import { InvalidClient } from '../errors/codes.js';
import { expectedAuthenticator } from './authenticator-type.js';
import { verifyClientSecret } from './client-secret.js';
import { loadEnabledClient } from './load-client.js';
import { ASSERTION_TYPE_MISSING, INVALID_CLIENT_CREDENTIALS } from './messages.js';
import type { PresentedCredentials } from './presented-credentials.js';
import type { AuthenticateClientInput, AuthenticatedClient } from './types.js';

/**
 * Authentication by client id, with or without a secret (Keycloak ClientIdAndSecretAuthenticator):
 * - a public client is identified by its client_id alone (RFC 6749 §2.1, method "none"); a secret it
 *   sends is ignored, as Keycloak does;
 * - a "client-secret" client must present its secret: client_secret_basic (RFC 6749 §2.3.1, the
 *   Authorization header) or client_secret_post (the client_secret parameter);
 * - a client set up for a signed JWT gets Keycloak's answer for a request without one,
 *   "Parameter client_assertion_type is missing".
 */
export async function authenticateWithClientId(
  input: AuthenticateClientInput,
  presented: Exclude<PresentedCredentials, { kind: 'assertion' }>,
): Promise<AuthenticatedClient> {
  const usedBasic = presented.kind === 'basic';
  const client = await loadEnabledClient(input.loadClient, presented.clientId, usedBasic);
  const rep = client.client.rep;
  if (rep.publicClient === true) return { client, method: 'none' };
  const authenticator = expectedAuthenticator(rep);
  if (authenticator === 'client-jwt' || authenticator === 'client-secret-jwt') throw new InvalidClient(ASSERTION_TYPE_MISSING, usedBasic);
  if (authenticator !== 'client-secret') throw new InvalidClient(INVALID_CLIENT_CREDENTIALS, usedBasic);
  verifyClientSecret(client, presented.kind === 'client_id' ? undefined : presented.secret, usedBasic);
  return { client, method: usedBasic ? 'client_secret_basic' : 'client_secret_post' };
}
