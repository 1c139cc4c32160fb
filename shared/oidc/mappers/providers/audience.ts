import { addAudience } from '../audience.js';
import type { ProtocolMapper, TokenCategory } from '../mapper.js';

/**
 * Keycloak's AudienceProtocolMapper ("Audience"): adds `included.client.audience` (a client id) or,
 * when that is not set, `included.custom.audience` to `aud` (RFC 7519 §4.1.3). Keycloak checks for a
 * missing key only, and does not check that the client exists.
 */
export const audienceMapper: ProtocolMapper = {
  providerId: 'oidc-audience-mapper',
  categories: new Set<TokenCategory>(['access', 'id', 'introspection']),
  map(claims, mapper, _ctx, category) {
    const audience = mapper.config['included.client.audience'] ?? mapper.config['included.custom.audience'];
    if (audience !== undefined) addAudience(claims, audience, category);
  },
};
