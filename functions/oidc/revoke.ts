import { parseForm } from '../../shared/http/form.js';
import { httpHandler } from '../../shared/http/handler.js';
import { header } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { authenticateClient } from '../../shared/oidc/client-auth/authenticate-client.js';
import { realmRequest } from '../../shared/oidc/realm-request.js';
import { revokeToken } from '../../shared/oidc/revocation/revoke-token.js';
import { routePath } from '../../shared/routes.js';

/**
 * POST /realms/{realm}/protocol/openid-connect/revoke — RFC 7009: an authenticated client (§2.1)
 * revokes a refresh or access token it was issued. 200 with an empty body when revoked, also (with
 * Keycloak's `invalid_token` body) when the token is unknown or invalid (§2.2).
 */
export const handler = httpHandler(async (event) => {
  const request = await realmRequest(event);
  const form = parseForm(event);
  const authorization = header(event, 'authorization');
  const { client } = await authenticateClient({
    realmId: request.realm.realm.id,
    issuer: request.issuer,
    endpointUrl: `${request.baseUrl}${routePath('oidc.revoke', { realm: request.realm.realm.name })}`,
    ...(authorization ? { authorization } : {}),
    form,
    loadClient: (clientId) => request.directory.client(clientId),
    store: request.store,
  });
  const refusal = await revokeToken(request, client, form.get('token'), Math.floor(Date.now() / 1000));
  if (refusal) return json(200, refusal, { 'cache-control': 'no-store' });
  return { statusCode: 200, headers: { 'cache-control': 'no-store' }, body: '' };
});
