import { InvalidClient } from '../errors/codes.js';
import type { ClientConfig } from '../../store/clients.js';
import { INVALID_CLIENT_CREDENTIALS } from './messages.js';
import { secretEquals } from './secret-equals.js';

/**
 * The "client-secret" authenticator (Keycloak ClientIdAndSecretAuthenticator; RFC 6749 §2.3.1):
 * a confidential client proves itself with its secret, from the Basic header or the client_secret
 * parameter. Missing secret, a client without one, or a wrong one all answer "Invalid client or
 * Invalid client credentials" (Keycloak 26 gives the same text for each).
 */
export function verifyClientSecret(client: ClientConfig, presented: string | undefined, usedBasic: boolean): void {
  const stored = client.client.rep.secret;
  if (presented === undefined || !stored || !secretEquals(presented, stored)) {
    throw new InvalidClient(INVALID_CLIENT_CREDENTIALS, usedBasic);
  }
}
