import { storedArgon2Settings } from './argon2.js';
import { readStoredPassword, type KeycloakPasswordCredential } from './credential-json.js';
import { hashTargetFor } from './hash-password.js';
import { defaultPasswordHashSettings, type PasswordHashSettings } from './hash-settings.js';
import { pbkdf2Providers } from './pbkdf2-providers.js';
import type { PasswordPolicy } from './policy/password-policy.js';

/**
 * PasswordCredentialProvider.rehashPasswordIfRequired: after a successful login Keycloak asks the policy's
 * hash provider `policyCheck(policy, credential)` and, when it fails, re-hashes the password just typed.
 * - PBKDF2 (Pbkdf2PasswordHashProvider.policyCheck): same algorithm id, same iterations as the policy (or
 *   the provider default), and a derived key of the provider's size — so a pre-Keycloak-24 512-bit
 *   pbkdf2-sha256 hash is upgraded to 256 bits.
 * - Argon2 (Argon2PasswordHashProvider.policyCheck): same type, version, hash length, memory, parallelism
 *   and passes. Keycloak compares the passes with its configured default even when the policy's
 *   hashIterations (≤ 100) made new hashes use another count, which re-hashes on every login; we compare
 *   with what hashPassword would write, so a fresh hash never needs rehashing.
 * An unreadable credential needs rehashing (call this only after verifyPassword succeeded).
 */
export function needsRehash(
  credential: KeycloakPasswordCredential,
  policy?: PasswordPolicy,
  settings: PasswordHashSettings = defaultPasswordHashSettings,
): boolean {
  const stored = readStoredPassword(credential);
  if (!stored) return true;
  const target = hashTargetFor(policy, settings);
  if (stored.algorithm !== target.algorithm || stored.hashIterations !== target.iterations) return true;
  if (target.algorithm !== 'argon2') {
    return stored.valueBytes.length * 8 !== pbkdf2Providers[target.algorithm].derivedKeyBits;
  }
  const have = storedArgon2Settings(stored);
  const want = { ...settings.argon2, iterations: target.iterations };
  return (
    !have ||
    have.type !== want.type ||
    have.version !== want.version ||
    have.hashLength !== want.hashLength ||
    have.memory !== want.memory ||
    have.parallelism !== want.parallelism
  );
}
