import { ProtocolError } from '../../http/errors.js';

/**
 * Keycloak 26's TokenIntrospectionProvider ids that token_type_hint selects (RFC 7662 §2.1; the hint
 * defaults to access_token): `access_token` (AccessTokenIntrospectionProvider, which also answers for
 * refresh and ID tokens), `refresh_token` (RefreshTokenIntrospectionProvider) and
 * `requesting_party_token` (an access token with UMA permissions; without Authorization Services it is
 * introspected as an access token). Any other hint: 400 "Unsupported token type [hint]."
 */
export type IntrospectionProvider = 'access_token' | 'refresh_token';

export function introspectionProviderFor(hint: string | undefined): IntrospectionProvider {
  if (hint === undefined || hint === 'access_token' || hint === 'requesting_party_token') return 'access_token';
  if (hint === 'refresh_token') return 'refresh_token';
  throw new ProtocolError(400, 'invalid_request', `Unsupported token type [${hint}].`);
}
