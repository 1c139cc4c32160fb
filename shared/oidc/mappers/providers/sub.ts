import { PRIORITY, type ProtocolMapper, type TokenCategory } from '../mapper.js';

/**
 * Keycloak's SubMapper ("Subject (sub)", in the `basic` scope since Keycloak 25): `sub` = the user id
 * in the access token and introspection response. Runs first (ProtocolMapperUtils.SUB_MAPPER) so
 * other mappers may override it.
 */
export const subMapper: ProtocolMapper = {
  providerId: 'oidc-sub-mapper',
  priority: PRIORITY.sub,
  categories: new Set<TokenCategory>(['access', 'introspection']),
  map(claims, _mapper, ctx) {
    claims['sub'] = ctx.user.id;
  },
};
