import { RealmNotFoundError } from '../../shared/http/errors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { baseUrl, pathParam } from '../../shared/http/request.js';
import { json, noCacheNoStore } from '../../shared/http/response.js';
import { discoveryDocument } from '../../shared/oidc/discovery.js';
import { realmConfigCache } from '../../shared/realm/realm-config-cache.js';

/** GET /realms/{realm}/.well-known/openid-configuration — OpenID Connect Discovery 1.0 §4. */
export const handler = httpHandler(async (event) => {
  const realm = await realmConfigCache().byName(pathParam(event, 'realm') ?? '');
  if (!realm) throw new RealmNotFoundError();
  return json(200, discoveryDocument(baseUrl(event), realm), {
    'cache-control': noCacheNoStore,
    // Discovery is public metadata any origin may read (Keycloak: Cors.allowAllOrigins()).
    'access-control-allow-origin': '*',
  });
});
