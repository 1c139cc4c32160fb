import { addAudience } from '../audience.js';
import { includeDefaultingToTrue } from '../include.js';
import { PRIORITY, type ProtocolMapper, type TokenCategory } from '../mapper.js';

/**
 * Keycloak's AudienceResolveProtocolMapper ("Audience Resolve", in the `roles` scope): adds to `aud`
 * every client the user has at least one effective role of — after the role-transforming mappers ran
 * (PRIORITY_AUDIENCE_RESOLVE_MAPPER) — except the client the token is issued to.
 */
export const audienceResolveMapper: ProtocolMapper = {
  providerId: 'oidc-audience-resolve-mapper',
  priority: PRIORITY.audienceResolve,
  categories: new Set<TokenCategory>(['access', 'introspection']),
  includes: includeDefaultingToTrue,
  map(claims, _mapper, ctx, category) {
    for (const [clientId, roles] of ctx.roles.clients) {
      if (clientId !== ctx.client.clientId && roles.size > 0) addAudience(claims, clientId, category);
    }
  },
};
