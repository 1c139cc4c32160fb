import { createHash } from 'node:crypto';
import { assertionJtiKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';

class AlreadyUsed extends Error {}

/**
 * RFC 7523 §3 rule 7: the server may keep a list of used jti values to make an assertion single-use;
 * Keycloak always does (SingleUseObjectProvider.putIfAbsent, "Token reuse detected"). Here a jti
 * item is created with attribute_not_exists(pk) (Store.create), so of any number of concurrent
 * uses of one assertion exactly one creates the item and all others fail the condition.
 *
 * The item lives until the assertion could no longer be accepted anyway (`acceptedUntil`, from
 * assertionLifetime: exp plus clock skew, capped by iat + max lifetime), then DynamoDB's TTL removes
 * it. The key holds a SHA-256 of the jti, so any jti a client sends fits DynamoDB's key size limit.
 * Returns false when the jti was already used.
 */
export async function claimAssertionJti(store: Store, realmId: string, clientId: string, jti: string, acceptedUntil: number): Promise<boolean> {
  const jtiDigest = createHash('sha256').update(jti, 'utf8').digest('base64url');
  const item = { ...assertionJtiKey(realmId, clientId, jtiDigest), entity: 'AssertionJti', expiresAt: acceptedUntil + 1 };
  try {
    await store.create(item, () => new AlreadyUsed());
    return true;
  } catch (error) {
    if (error instanceof AlreadyUsed) return false;
    throw error;
  }
}
