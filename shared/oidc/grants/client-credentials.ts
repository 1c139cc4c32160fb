import { recordEvent } from '../../events/record-event.js';
import { InvalidRequest, UnauthorizedClient } from '../errors/codes.js';
import type { OAuthError } from '../errors/oauth-error.js';
import { appliedScopes } from '../scopes/applied-scopes.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { tokenContext } from '../tokens/token-context.js';
import { tokenIdDetails } from '../tokens/token-id-details.js';
import type { GrantHandler } from './grant-request.js';

/**
 * RFC 6749 §4.4 client credentials: a confidential client with service accounts enabled gets an
 * access token for its service-account user (Keycloak's ClientCredentialsGrantType). Like Keycloak
 * 26 by default, no refresh token and no persistent user session. A missing or disabled service-account
 * user is Keycloak's 401 invalid_request.
 */
export const clientCredentialsGrant: GrantHandler = async (request) => {
  const { client, realm, store, form } = request;
  const rep = client.client.rep;
  // Every refusal is a CLIENT_LOGIN_ERROR event with Keycloak's error code and the answer as `reason`.
  const refuse = async (error: string, answer: OAuthError, userId?: string, username?: string): Promise<never> => {
    await recordEvent(store, realm, {
      type: 'CLIENT_LOGIN_ERROR',
      clientId: rep.clientId,
      ...(userId ? { userId } : {}),
      ipAddress: request.ipAddress,
      error,
      details: { grant_type: 'client_credentials', reason: answer.description, ...(username ? { username } : {}) },
    });
    throw answer;
  };
  // Keycloak's ClientCredentialsGrantType answers these with 401 (Response.Status.UNAUTHORIZED) and
  // records them as invalid_client.
  if (rep.publicClient) return refuse('invalid_client', new UnauthorizedClient('Public client not allowed to retrieve service account', 401));
  if (!rep.serviceAccountsEnabled) return refuse('invalid_client', new UnauthorizedClient('Client not enabled to retrieve service account', 401));
  // Cached with the client per configVersion: a warm grant reads nothing (RealmDirectory.serviceAccount).
  const user = await request.directory.serviceAccount(client);
  if (!user) return refuse('user_not_found', new InvalidRequest('The associated service account for the client does not exist', 401));
  const username = user.user.rep.username;
  if (user.user.rep.enabled === false) return refuse('user_disabled', new InvalidRequest(`User '${username}' disabled`, 401), user.user.rep.id, username);
  const scopes = appliedScopes(realm, client, form.get('scope'));
  // Keycloak's transient service-account session carries these notes; the service_account scope's
  // mappers put them in the token (client_id, clientHost, clientAddress).
  const notes = { client_id: rep.clientId, clientHost: request.ipAddress, clientAddress: request.ipAddress };
  const ctx = await tokenContext(request.directory, client, user, scopes, undefined, {}, notes);
  const response = await issueTokens(ctx, request.keys, { issuer: request.issuer, now: request.now, refreshToken: false });
  await recordEvent(store, realm, {
    type: 'CLIENT_LOGIN',
    clientId: rep.clientId,
    userId: user.user.rep.id,
    ipAddress: request.ipAddress,
    details: { grant_type: 'client_credentials', client_auth_method: request.clientAuthMethod, username: user.user.rep.username, scope: scopes.scopeString, ...tokenIdDetails(response) },
  });
  return response;
};
