import { parseForm } from '../../shared/http/form.js';
import { httpHandler } from '../../shared/http/handler.js';
import { header } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { authenticateClient } from '../../shared/oidc/client-auth/authenticate-client.js';
import { authenticatorIdOf } from '../../shared/oidc/client-auth/authenticator-type.js';
import { InvalidRequest, UnsupportedGrantType } from '../../shared/oidc/errors/codes.js';
import { grants } from '../../shared/oidc/grants/grants.js';
import { realmRequest } from '../../shared/oidc/realm-request.js';
import { routePath } from '../../shared/routes.js';

/**
 * POST /realms/{realm}/protocol/openid-connect/token — RFC 6749 §3.2: authenticate the client
 * (§2.3), run the grant named by grant_type, answer with tokens that no cache may keep (§5.1).
 */
export const handler = httpHandler(async (event) => {
  const request = await realmRequest(event);
  const form = parseForm(event);
  const grantType = form.get('grant_type');
  if (!grantType) throw new InvalidRequest('Missing form parameter: grant_type');
  const grant = Object.hasOwn(grants, grantType) ? grants[grantType as keyof typeof grants] : undefined;
  const authorization = header(event, 'authorization');
  const { client, method } = await authenticateClient({
    realmId: request.realm.realm.id,
    issuer: request.issuer,
    endpointUrl: `${request.baseUrl}${routePath('oidc.token', { realm: request.realm.realm.name })}`,
    ...(authorization ? { authorization } : {}),
    form,
    loadClient: (clientId) => request.directory.client(clientId),
    store: request.store,
  });
  if (!grant) throw new UnsupportedGrantType('Unsupported grant_type');
  const tokens = await grant({ ...request, event, form, client, clientAuthMethod: authenticatorIdOf(method), now: Math.floor(Date.now() / 1000) });
  return json(200, tokens, { 'cache-control': 'no-store', pragma: 'no-cache' });
});
