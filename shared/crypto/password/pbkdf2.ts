import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { constantTimeEquals } from './constant-time.js';
import { writeKeycloakCredential, type KeycloakPasswordCredential, type StoredPassword } from './credential-json.js';
import type { Pbkdf2AlgorithmId } from './hash-algorithms.js';
import { passwordCostLimits } from './limits.js';
import { pbkdf2Providers } from './pbkdf2-providers.js';

const pbkdf2Async = promisify(pbkdf2);

/** Pbkdf2PasswordHashProvider.getSalt: 16 random bytes. */
const SALT_BYTES = 16;

/**
 * PBKDF2 (RFC 8018 §5.2) as Pbkdf2PasswordHashProvider.encodedCredential runs it through PBEKeySpec:
 * the password's UTF-8 bytes (SunJCE's PBKDF2KeyImpl), the salt, the iteration count, and a key length
 * taken from the stored hash when verifying. Keycloak's optional NUL padding of short passwords
 * (`max-padding-length`, PaddingUtils, off by default) is not applied: HMAC pads its key with zeros to
 * the block size anyway, so a padded and an unpadded password derive the same key, as the comment in
 * AbstractPbkdf2PasswordHashProviderFactory notes.
 */
function derive(password: string, salt: Buffer, iterations: number, bytes: number, digest: string): Promise<Buffer> {
  return pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, bytes, digest);
}

export async function hashPbkdf2(
  password: string,
  algorithm: Pbkdf2AlgorithmId,
  iterations: number,
): Promise<KeycloakPasswordCredential> {
  const { digest, derivedKeyBits } = pbkdf2Providers[algorithm];
  // PBEKeySpec rejects a non-positive iteration count, so Keycloak cannot store such a hash either.
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > passwordCostLimits.maxPbkdf2Iterations) {
    throw new RangeError(`PBKDF2 iterations out of range: ${iterations}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, iterations, derivedKeyBits / 8, digest);
  return writeKeycloakCredential(algorithm, iterations, {}, hash, salt);
}

/** Pbkdf2PasswordHashProvider.verify: re-derive with the stored iterations, salt and key size. */
export async function verifyPbkdf2(password: string, algorithm: Pbkdf2AlgorithmId, stored: StoredPassword): Promise<boolean> {
  const { hashIterations, salt, valueBytes, value } = stored;
  if (hashIterations < 1 || hashIterations > passwordCostLimits.maxPbkdf2Iterations) return false;
  if (valueBytes.length > passwordCostLimits.maxHashLengthBytes) return false;
  const derived = await derive(password, salt, hashIterations, valueBytes.length, pbkdf2Providers[algorithm].digest);
  return constantTimeEquals(derived.toString('base64'), value);
}
