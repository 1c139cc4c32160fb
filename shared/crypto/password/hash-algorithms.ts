/**
 * The password hash providers of Keycloak 26 (PasswordHashSpi). Without a `hashAlgorithm` policy Keycloak
 * uses the provider factory with the highest order(): argon2 (300, Argon2PasswordHashProviderFactory)
 * over pbkdf2-sha512 (200) and pbkdf2-sha256 (100); argon2 is absent only in FIPS mode.
 */
export const PBKDF2_ALGORITHM_IDS = ['pbkdf2', 'pbkdf2-sha256', 'pbkdf2-sha512'] as const;
export type Pbkdf2AlgorithmId = (typeof PBKDF2_ALGORITHM_IDS)[number];

export const PASSWORD_HASH_ALGORITHMS = ['argon2', ...PBKDF2_ALGORITHM_IDS] as const;
export type PasswordHashAlgorithmId = (typeof PASSWORD_HASH_ALGORITHMS)[number];

export const DEFAULT_HASH_ALGORITHM: PasswordHashAlgorithmId = 'argon2';

export function isPasswordHashAlgorithm(id: string): id is PasswordHashAlgorithmId {
  return (PASSWORD_HASH_ALGORITHMS as readonly string[]).includes(id);
}

export function isPbkdf2Algorithm(id: string): id is Pbkdf2AlgorithmId {
  return (PBKDF2_ALGORITHM_IDS as readonly string[]).includes(id);
}
