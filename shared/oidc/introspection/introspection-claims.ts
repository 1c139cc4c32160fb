import type { RealmDirectory } from '../../realm/realm-directory.js';
import { applyProtocolMappers } from '../mappers/apply.js';
import type { Claims } from '../mappers/mapper.js';
import { tokenContext } from '../tokens/token-context.js';
import type { TokenInUse } from '../tokens/token-in-use.js';
import { tokenScopes } from '../tokens/token-scopes.js';
import type { TokenPayload } from '../tokens/verify-own-token.js';

/** AccessTokenIntrospectionProvider.getAccessTokenFromStoredData: the claims copied from the token. */
const BASIC_CLAIMS = ['exp', 'iat', 'jti', 'iss', 'aud', 'sub', 'typ', 'azp', 'nonce', 'sid', 'scope'] as const;

/**
 * RFC 7662 §2.2 response for an active token, as Keycloak 26's AccessTokenIntrospectionProvider
 * builds it: the token's basic claims, then the claims of the protocol mappers that have
 * `introspection.token.claim` (TokenManager.transformIntrospectionAccessToken, over the client scopes
 * the token's `scope` names), an empty `scope` left out; then `client_id` (the token's azp),
 * `username` (preferred_username, else the user's username), `token_type` (the token's typ) and
 * `active: true`.
 */
export async function introspectionClaims(directory: RealmDirectory, inUse: TokenInUse, token: TokenPayload): Promise<Claims> {
  const { client, user, session } = inUse;
  const claims: Claims = {};
  for (const name of BASIC_CLAIMS) if (token[name] !== undefined) claims[name] = token[name];
  const scopes = tokenScopes(directory.config, client, token['scope']);
  const ctx = await tokenContext(directory, client, user, scopes, session);
  applyProtocolMappers(claims, ctx.mappers, ctx.mapperContext, 'introspection');
  if (typeof claims['scope'] === 'string' && claims['scope'].trim() === '') delete claims['scope'];
  claims['client_id'] = token.azp;
  if (claims['username'] === undefined) claims['username'] = claims['preferred_username'] ?? user.user.rep.username;
  claims['token_type'] = token.typ;
  claims['active'] = true;
  return claims;
}
