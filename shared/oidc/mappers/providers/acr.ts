import { achievedAcr } from '../acr.js';
import type { ProtocolMapper, TokenCategory } from '../mapper.js';

/**
 * Keycloak's AcrProtocolMapper ("Authentication Context Class Reference (ACR)", in the `acr` scope):
 * `acr` = the achieved level of authentication, "1" for a fresh login, "0" when the SSO cookie was
 * reused, or its name from the acr→LoA map (OpenID Connect Core §2).
 */
export const acrMapper: ProtocolMapper = {
  providerId: 'oidc-acr-mapper',
  categories: new Set<TokenCategory>(['access', 'id', 'introspection']),
  map(claims, _mapper, ctx) {
    claims['acr'] = achievedAcr(ctx);
  },
};
