import { keycloakArgon2Settings } from './password/argon2-parameters.js';
import type { KeycloakPasswordCredential } from './password/credential-json.js';
import { hashPassword } from './password/hash-password.js';

/**
 * Kept for existing callers (shared/realm/bootstrap-master.ts); new code imports shared/crypto/password/.
 * Keycloak 26's default password hashing: Argon2id (RFC 9106), version 1.3, 7168 KiB memory,
 * 5 iterations, parallelism 1, 32-byte hash, 16-byte salt (Argon2PasswordHashProviderFactory).
 */
export const keycloakArgon2Defaults = {
  memory: keycloakArgon2Settings.memory,
  iterations: keycloakArgon2Settings.iterations,
  parallelism: keycloakArgon2Settings.parallelism,
  hashLength: keycloakArgon2Settings.hashLength,
  saltLength: 16,
} as const;

/** A password credential's secretData / credentialData strings, as Keycloak stores and exports them. */
export type PasswordCredentialData = KeycloakPasswordCredential;

/** Hashes with the default algorithm (argon2) and no realm policy. */
export function hashPasswordArgon2(password: string): Promise<PasswordCredentialData> {
  return hashPassword(password);
}
