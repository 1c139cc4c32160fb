import type { Store } from '../../store/store.js';
import { revokedTokenKey } from '../../store/keys.js';

/** Keycloak keeps a revocation mark at least this long, whatever the token's remaining lifetime. */
const MIN_MARK_SECONDS = 10;

class AlreadyRevoked extends Error {}

/**
 * RFC 7009 §2: revoking an access token (Keycloak 26: TokenRevocationEndpoint.revokeAccessToken).
 * The mark lives for the token's remaining lifetime plus one second, at least ten seconds
 * (`Math.max(exp - now + 1, 10)`), after which the token is refused for being expired anyway.
 *
 * Condition: attribute_not_exists(pk) (Store.create) — the first revocation wins and a repeated one
 * never rewrites or shortens its mark; revoking twice is not an error (RFC 7009 §2.2).
 */
export async function markAccessTokenRevoked(store: Store, realmId: string, jti: string, exp: number | undefined, now: number): Promise<void> {
  const expiresAt = now + Math.max((exp ?? now) - now + 1, MIN_MARK_SECONDS);
  try {
    await store.create({ ...revokedTokenKey(realmId, jti), entity: 'RevokedToken', expiresAt }, () => new AlreadyRevoked());
  } catch (error) {
    if (!(error instanceof AlreadyRevoked)) throw error;
  }
}

/** Keycloak's TokenManager.TokenRevocationCheck ("Token is revoked"); an expired mark counts as absent. */
export async function isTokenRevoked(store: Store, realmId: string, jti: unknown): Promise<boolean> {
  if (typeof jti !== 'string' || jti === '') return false;
  return (await store.get(revokedTokenKey(realmId, jti), { consistent: true })) !== undefined;
}
