import type { KeyProviders } from '../../keys/key-providers.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { verifyOwnToken, type VerifyResult } from './verify-own-token.js';

/**
 * Keycloak's DefaultTokenManager.decode, which the revocation endpoint and the refresh-token logout
 * (TokenManager.verifyRefreshToken with checkExpiration=false) rely on: the signature by one of the
 * realm's keys and the issuer, but not expiry — an expired refresh token can still end its session,
 * an expired access token can still be revoked. Everything else verifyOwnToken checks still holds.
 */
export function decodeOwnToken(token: string, realm: RealmConfig, issuer: string, keys: KeyProviders): Promise<VerifyResult> {
  return verifyOwnToken(token, realm, issuer, keys, Number.NEGATIVE_INFINITY);
}
