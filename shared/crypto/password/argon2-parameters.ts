/**
 * Argon2 (RFC 9106) settings as Keycloak names and stores them. Keycloak reads them from its SPI config
 * (`spi-password-hashing-argon2-*`), not from the realm policy; the defaults are Argon2Parameters in
 * crypto/default: type "id", version "1.3", hashLength 32, memory 7168 KiB, iterations 5, parallelism 1.
 */
export type Argon2Type = 'id' | 'i' | 'd';
export type Argon2Version = '1.3' | '1.0';

export interface Argon2Settings {
  readonly type: Argon2Type;
  readonly version: Argon2Version;
  /** Output length in bytes. */
  readonly hashLength: number;
  /** Memory in KiB. */
  readonly memory: number;
  /** Passes (Keycloak stores them as the credential's hashIterations). */
  readonly iterations: number;
  readonly parallelism: number;
}

export const keycloakArgon2Settings: Argon2Settings = {
  type: 'id',
  version: '1.3',
  hashLength: 32,
  memory: 7168,
  iterations: 5,
  parallelism: 1,
};

/** Salt.generateSalt() (server-spi-private credential/hash/Salt.java): 16 random bytes. */
export const ARGON2_SALT_BYTES = 16;

/**
 * @node-rs/argon2's const enums (Algorithm, Version) spelled out: const enums cannot be imported under
 * isolatedModules. Keycloak maps "id"/"d"/"i" and "1.3"/"1.0" to BouncyCastle's constants the same way
 * (Argon2Parameters.types / versions).
 */
export const nodeRsAlgorithm: Readonly<Record<Argon2Type, number>> = { d: 0, i: 1, id: 2 };
export const nodeRsVersion: Readonly<Record<Argon2Version, number>> = { '1.0': 0, '1.3': 1 };

export function isArgon2Type(value: string | undefined): value is Argon2Type {
  return value === 'id' || value === 'i' || value === 'd';
}

export function isArgon2Version(value: string | undefined): value is Argon2Version {
  return value === '1.3' || value === '1.0';
}

/**
 * Argon2PasswordHashProvider.encodedCredential: the realm's hashIterations is used only when it is set
 * and at most 100 ("Iterations for Argon should be less than 100, using default"), because the policy
 * value is usually meant for PBKDF2.
 */
export function argon2IterationsFor(policyIterations: number, settings: Argon2Settings): number {
  return policyIterations === -1 || policyIterations > 100 ? settings.iterations : policyIterations;
}

/** Keys of the credential's additionalParameters (Argon2PasswordHashProviderFactory.*_KEY). */
export const ARGON2_KEYS = {
  type: 'type',
  version: 'version',
  hashLength: 'hashLength',
  memory: 'memory',
  parallelism: 'parallelism',
} as const;
