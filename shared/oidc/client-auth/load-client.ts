import { InvalidClient } from '../errors/codes.js';
import type { ClientConfig } from '../../store/clients.js';
import { INVALID_CLIENT_CREDENTIALS } from './messages.js';

/** Keycloak's CLIENT.CLIENT_ID column is varchar(255); a longer id names no client (and would not fit a DynamoDB key). */
const MAX_CLIENT_ID_LENGTH = 255;

/**
 * The client a request names, if it exists and is enabled. Unknown and disabled clients get the same
 * answer, 401 invalid_client "Invalid client or Invalid client credentials" (Keycloak
 * AuthenticationProcessor.handleClientAuthException for CLIENT_NOT_FOUND and CLIENT_DISABLED), so
 * the answer does not tell which client ids exist.
 */
export async function loadEnabledClient(
  loadClient: (clientId: string) => Promise<ClientConfig | undefined>,
  clientId: string,
  usedBasic: boolean,
): Promise<ClientConfig> {
  const client = clientId.length <= MAX_CLIENT_ID_LENGTH ? await loadClient(clientId) : undefined;
  if (!client || client.client.rep.clientId !== clientId || client.client.rep.enabled === false) {
    throw new InvalidClient(INVALID_CLIENT_CREDENTIALS, usedBasic);
  }
  return client;
}
