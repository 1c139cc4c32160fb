import { parseForm } from '../../shared/http/form.js';
import { httpHandler } from '../../shared/http/handler.js';
import { header } from '../../shared/http/request.js';
import { authenticateClient } from '../../shared/oidc/client-auth/authenticate-client.js';
import { logoutWithRefreshToken } from '../../shared/oidc/logout/logout-with-refresh-token.js';
import { realmRequest } from '../../shared/oidc/realm-request.js';
import { routePath } from '../../shared/routes.js';

/**
 * POST /realms/{realm}/protocol/openid-connect/logout with `refresh_token` — Keycloak's non-browser
 * logout (LogoutEndpoint.logoutToken): the client authenticates as at the token endpoint (RFC 6749
 * §2.3) and the user session of its refresh token ends; 204 No Content. (OpenID Connect RP-Initiated
 * Logout with a browser, id_token_hint and redirects, is not served yet.)
 */
export const handler = httpHandler(async (event) => {
  const request = await realmRequest(event);
  const form = parseForm(event);
  const authorization = header(event, 'authorization');
  const { client } = await authenticateClient({
    realmId: request.realm.realm.id,
    issuer: request.issuer,
    endpointUrl: `${request.baseUrl}${routePath('oidc.logout', { realm: request.realm.realm.name })}`,
    ...(authorization ? { authorization } : {}),
    form,
    loadClient: (clientId) => request.directory.client(clientId),
    store: request.store,
  });
  await logoutWithRefreshToken(request, client, form.get('refresh_token'));
  return { statusCode: 204, headers: { 'cache-control': 'no-cache' } };
});
