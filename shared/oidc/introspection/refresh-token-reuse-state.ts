import type { ClientSessionRecord } from '../../store/sessions.js';

/**
 * Whether a refresh token could still be used, when the realm rotates refresh tokens
 * (revokeRefreshToken on): Keycloak's TokenManager.validateTokenReuse with refreshFlag=false, which
 * RefreshTokenIntrospectionProvider.verifyTokenReuse runs. Reads the reuse state that
 * checkRefreshTokenReuse (shared/oidc/sessions/refresh-token-reuse.ts) keeps on the client session, and never
 * changes it:
 * - a token other than the last one presented, issued before that last refresh, is stale;
 * - the last one presented is usable while it was used no more than refreshTokenMaxReuse times.
 */
export function refreshTokenReusable(
  clientSession: Pick<ClientSessionRecord, 'refreshTokenId' | 'refreshTokenUseCount' | 'refreshTokenLastRefresh'>,
  token: { readonly jti?: unknown; readonly iat?: unknown },
  maxReuse: number,
): boolean {
  const current = clientSession.refreshTokenId;
  const iat = typeof token.iat === 'number' ? token.iat : 0;
  if (current !== undefined && current !== token.jti && iat < (clientSession.refreshTokenLastRefresh ?? 0)) return false;
  if (current !== token.jti) return true;
  return (clientSession.refreshTokenUseCount ?? 0) <= maxReuse;
}
