import { parseForm } from '../../shared/http/form.js';
import { httpHandler } from '../../shared/http/handler.js';
import { header } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { authenticateClient } from '../../shared/oidc/client-auth/authenticate-client.js';
import { introspectToken } from '../../shared/oidc/introspection/introspect-token.js';
import { introspectionRequest } from '../../shared/oidc/introspection/introspection-request.js';
import { realmRequest } from '../../shared/oidc/realm-request.js';
import { routePath } from '../../shared/routes.js';

/**
 * POST /realms/{realm}/protocol/openid-connect/token/introspect — RFC 7662: an authenticated client
 * (§2.1; bearer-only clients too, they are the resource servers that introspect) asks whether a token
 * is active; 200 with the token's claims and `active: true`, or just `{"active": false}` (§2.2).
 */
export const handler = httpHandler(async (event) => {
  const request = await realmRequest(event);
  const form = parseForm(event);
  const authorization = header(event, 'authorization');
  const { client } = await authenticateClient({
    realmId: request.realm.realm.id,
    issuer: request.issuer,
    endpointUrl: `${request.baseUrl}${routePath('oidc.introspect', { realm: request.realm.realm.name })}`,
    ...(authorization ? { authorization } : {}),
    form,
    loadClient: (clientId) => request.directory.client(clientId),
    store: request.store,
    allowBearerOnly: true,
  });
  const { token, provider } = await introspectionRequest(request, client, form);
  const answer = await introspectToken(request, client, token, provider, Math.floor(Date.now() / 1000));
  return json(200, answer, { 'cache-control': 'no-store' });
});
