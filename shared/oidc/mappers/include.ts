import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import type { MapperContext, TokenCategory } from './mapper.js';

/** OIDCAttributeMapperHelper's per-token switches. */
export const INCLUDE = {
  access: 'access.token.claim',
  id: 'id.token.claim',
  userinfo: 'userinfo.token.claim',
  introspection: 'introspection.token.claim',
  lightweight: 'lightweight.claim',
} as const;

/** Constants.USE_LIGHTWEIGHT_ACCESS_TOKEN_ENABLED. */
export const LIGHTWEIGHT_CLIENT_ATTRIBUTE = 'client.use.lightweight.access.token.enabled';

const isTrue = (mapper: ProtocolMapperRepresentation, key: string): boolean => mapper.config[key] === 'true';

/**
 * AbstractOIDCProtocolMapper.getShouldUseLightweightToken: the client attribute (Boolean.parseBoolean,
 * so case-insensitive) or the session attribute a client policy sets.
 */
export function useLightweightAccessToken(ctx: MapperContext): boolean {
  const attribute = ctx.client.attributes?.[LIGHTWEIGHT_CLIENT_ATTRIBUTE];
  return attribute?.toLowerCase() === 'true' || ctx.useLightweightAccessToken === true;
}

/**
 * The standard rules of AbstractOIDCProtocolMapper.transform*Token and OIDCAttributeMapperHelper:
 * - access: `access.token.claim` = "true", or, when the access token is lightweight, `lightweight.claim` = "true";
 * - id: `id.token.claim` = "true";
 * - userinfo: `userinfo.token.claim` = "true"; when the key is missing it follows `id.token.claim`;
 * - introspection: `introspection.token.claim` = "true"; when the key is missing it follows `access.token.claim`
 *   (so mappers created before Keycloak 25 added the switch keep appearing in introspection responses).
 * Values are compared with "true".equals, case-sensitively.
 */
export function includeInToken(mapper: ProtocolMapperRepresentation, category: TokenCategory, ctx: MapperContext): boolean {
  switch (category) {
    case 'access':
      return useLightweightAccessToken(ctx) ? isTrue(mapper, INCLUDE.lightweight) : isTrue(mapper, INCLUDE.access);
    case 'id':
      return isTrue(mapper, INCLUDE.id);
    case 'userinfo':
      return mapper.config[INCLUDE.userinfo] === undefined ? isTrue(mapper, INCLUDE.id) : isTrue(mapper, INCLUDE.userinfo);
    case 'introspection':
      return mapper.config[INCLUDE.introspection] === undefined ? isTrue(mapper, INCLUDE.access) : isTrue(mapper, INCLUDE.introspection);
  }
}

/**
 * AudienceResolveProtocolMapper and AllowedWebOriginsProtocolMapper: a missing `access.token.claim` or
 * `introspection.token.claim` means "true" ("Backwards compatibility" in both classes); the lightweight
 * switch still decides for lightweight access tokens.
 */
export function includeDefaultingToTrue(mapper: ProtocolMapperRepresentation, category: TokenCategory, ctx: MapperContext): boolean {
  const missingOrTrue = (key: string): boolean => mapper.config[key] === undefined || isTrue(mapper, key);
  if (category === 'access') {
    return useLightweightAccessToken(ctx) ? isTrue(mapper, INCLUDE.lightweight) : missingOrTrue(INCLUDE.access);
  }
  return category === 'introspection' && missingOrTrue(INCLUDE.introspection);
}

/**
 * HardcodedRole, RoleNameMapper and the pairwise sub mapper override transform*Token without checking
 * any switch: they always run for the token kinds they implement.
 */
export const always = (): boolean => true;
