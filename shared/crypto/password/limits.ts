/**
 * Ceilings on the cost a stored credential may ask for. Keycloak has none; we add them because a
 * credential imported from a realm export (or tampered in the table) could otherwise make a single
 * login allocate gigabytes or spin for minutes inside a Lambda. Keycloak's own defaults sit far below:
 * 7 MiB / 5 passes for Argon2, at most 1,300,000 PBKDF2 iterations (Pbkdf2PasswordHashProviderFactory).
 * A credential beyond a ceiling does not verify (and needsRehash reports it).
 */
export const passwordCostLimits = {
  /** PBKDF2 iterations. */
  maxPbkdf2Iterations: 10_000_000,
  /** Argon2 memory in KiB (1 GiB). */
  maxArgon2MemoryKiB: 1_048_576,
  /** Argon2 passes. */
  maxArgon2Iterations: 1_000,
  /** Argon2 lanes (the RFC 9106 maximum is 2^24 - 1; @node-rs/argon2 allows 255). */
  maxArgon2Parallelism: 255,
  /** Derived key / hash length in bytes. */
  maxHashLengthBytes: 1_024,
} as const;
