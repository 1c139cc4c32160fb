import { RealmNotFoundError } from '../../shared/http/errors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { header, pathParam } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { jwksOf } from '../../shared/keys/jwks.js';
import { realmConfigCache } from '../../shared/realm/realm-config-cache.js';

/**
 * GET /realms/{realm}/protocol/openid-connect/certs — the realm's JWK Set (RFC 7517 §5), active and
 * passive keys. Public keys come from the stored components: no key provider is opened here.
 */
export const handler = httpHandler(async (event) => {
  const realm = await realmConfigCache().byName(pathParam(event, 'realm') ?? '');
  if (!realm) throw new RealmNotFoundError();
  // Keycloak answers with the JWK Set media type (RFC 7517 §8.5.1) only when asked for it exactly.
  const contentType = header(event, 'accept') === 'application/jwk-set+json' ? 'application/jwk-set+json' : 'application/json';
  return json(200, jwksOf(realm.keys), {
    'content-type': contentType,
    'cache-control': 'no-cache',
    'access-control-allow-origin': '*',
  });
});
