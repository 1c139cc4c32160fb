import { argon2IterationsFor } from './argon2-parameters.js';
import { hashArgon2 } from './argon2.js';
import type { KeycloakPasswordCredential } from './credential-json.js';
import { DEFAULT_HASH_ALGORITHM, type PasswordHashAlgorithmId } from './hash-algorithms.js';
import { defaultPasswordHashSettings, type PasswordHashSettings } from './hash-settings.js';
import { pbkdf2Providers } from './pbkdf2-providers.js';
import { hashPbkdf2 } from './pbkdf2.js';
import type { PasswordPolicy } from './policy/password-policy.js';

/** The policy's algorithm and iteration count with Keycloak's defaults filled in. */
export interface HashTarget {
  readonly algorithm: PasswordHashAlgorithmId;
  /** Iterations new hashes get (Argon2: passes). */
  readonly iterations: number;
}

/**
 * PasswordCredentialProvider.getHashProvider + PasswordHashProvider.encodedCredential(password,
 * policy.getHashIterations()): the policy's hashAlgorithm or the default provider (argon2); the policy's
 * hashIterations or, when unset (-1), the algorithm's default.
 */
export function hashTargetFor(
  policy: PasswordPolicy | undefined,
  settings: PasswordHashSettings = defaultPasswordHashSettings,
): HashTarget {
  const algorithm = policy?.hashAlgorithm ?? DEFAULT_HASH_ALGORITHM;
  const policyIterations = policy?.hashIterations ?? -1;
  if (algorithm === 'argon2') return { algorithm, iterations: argon2IterationsFor(policyIterations, settings.argon2) };
  return { algorithm, iterations: policyIterations === -1 ? pbkdf2Providers[algorithm].defaultIterations : policyIterations };
}

/**
 * Hashes a new password for storage as Keycloak would under `policy`, returning the credential's
 * secretData / credentialData strings. Throws RangeError for an iteration count no provider accepts
 * (Keycloak fails the password update the same way).
 */
export async function hashPassword(
  password: string,
  policy?: PasswordPolicy,
  settings: PasswordHashSettings = defaultPasswordHashSettings,
): Promise<KeycloakPasswordCredential> {
  const { algorithm, iterations } = hashTargetFor(policy, settings);
  if (algorithm === 'argon2') return hashArgon2(password, { ...settings.argon2, iterations });
  return hashPbkdf2(password, algorithm, iterations);
}
