import { hashRaw } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * Keycloak 26's default password hashing: Argon2id (RFC 9106), version 1.3, 7168 KiB memory,
 * 5 iterations, parallelism 1, 32-byte hash, 16-byte salt (Argon2PasswordHashProviderFactory).
 */
export const keycloakArgon2Defaults = {
  memory: 7168,
  iterations: 5,
  parallelism: 1,
  hashLength: 32,
  saltLength: 16,
} as const;

/**
 * A password credential's two JSON strings exactly as Keycloak stores and exports them
 * (CredentialRepresentation.secretData / credentialData), so exports move between the two servers.
 */
/** @node-rs/argon2's const enum values (Algorithm.Argon2id, Version.V0x13), spelled out for isolated modules. */
const ARGON2ID = 2;
const VERSION_1_3 = 1;

export interface PasswordCredentialData {
  readonly secretData: string;
  readonly credentialData: string;
}

export async function hashPasswordArgon2(password: string): Promise<PasswordCredentialData> {
  const { memory, iterations, parallelism, hashLength, saltLength } = keycloakArgon2Defaults;
  const salt = randomBytes(saltLength);
  const hash = await hashRaw(password, {
    algorithm: ARGON2ID,
    version: VERSION_1_3,
    memoryCost: memory,
    timeCost: iterations,
    parallelism,
    outputLen: hashLength,
    salt,
  });
  return {
    secretData: JSON.stringify({ value: hash.toString('base64'), salt: salt.toString('base64'), additionalParameters: {} }),
    credentialData: JSON.stringify({
      hashIterations: iterations,
      algorithm: 'argon2',
      additionalParameters: {
        hashLength: [String(hashLength)],
        memory: [String(memory)],
        type: ['id'],
        version: ['1.3'],
        parallelism: [String(parallelism)],
      },
    }),
  };
}
