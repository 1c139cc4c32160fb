import { includeDefaultingToTrue } from '../include.js';
import type { ProtocolMapper, TokenCategory } from '../mapper.js';

/**
 * Keycloak's AllowedWebOriginsProtocolMapper ("Allowed Web Origins", in the `web-origins` scope):
 * `allowed-origins` = the client's resolved web origins, when the client has any web origins
 * configured (the list may then still be empty, e.g. "+" without redirect URIs).
 */
export const allowedOriginsMapper: ProtocolMapper = {
  providerId: 'oidc-allowed-origins-mapper',
  categories: new Set<TokenCategory>(['access', 'introspection']),
  includes: includeDefaultingToTrue,
  map(claims, _mapper, ctx) {
    if ((ctx.client.webOrigins ?? []).length > 0) claims['allowed-origins'] = [...new Set(ctx.allowedWebOrigins)];
  },
};
