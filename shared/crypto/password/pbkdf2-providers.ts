import type { Pbkdf2AlgorithmId } from './hash-algorithms.js';

export interface Pbkdf2Provider {
  /** node:crypto digest name for the JCA algorithm PBKDF2WithHmac<digest>. */
  readonly digest: 'sha1' | 'sha256' | 'sha512';
  /** Iterations when the policy has no hashIterations (policy value -1). */
  readonly defaultIterations: number;
  /** Derived key size written for new hashes, in bits (Pbkdf2PasswordHashProvider.derivedKeySize). */
  readonly derivedKeyBits: number;
}

/**
 * Keycloak 26's PBKDF2 providers (server-spi-private org.keycloak.credential.hash):
 * - Pbkdf2PasswordHashProviderFactory: "pbkdf2", PBKDF2WithHmacSHA1, DEFAULT_ITERATIONS = 1_300_000,
 *   DEFAULT_DERIVED_KEY_SIZE 512 (deprecated; Keycloak logs a warning when it is used).
 * - Pbkdf2Sha256PasswordHashProviderFactory: "pbkdf2-sha256", 600_000, derived key 256 bits
 *   (before Keycloak 24 it was 27_500 iterations and 512 bits; such hashes still verify and get rehashed).
 * - Pbkdf2Sha512PasswordHashProviderFactory: "pbkdf2-sha512", 210_000, 512 bits.
 * Iteration counts follow the OWASP Password Storage Cheat Sheet, as the factories' comments say.
 */
export const pbkdf2Providers: Readonly<Record<Pbkdf2AlgorithmId, Pbkdf2Provider>> = {
  pbkdf2: { digest: 'sha1', defaultIterations: 1_300_000, derivedKeyBits: 512 },
  'pbkdf2-sha256': { digest: 'sha256', defaultIterations: 600_000, derivedKeyBits: 256 },
  'pbkdf2-sha512': { digest: 'sha512', defaultIterations: 210_000, derivedKeyBits: 512 },
};
