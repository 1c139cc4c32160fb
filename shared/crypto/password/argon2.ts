import { hashRaw } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import {
  ARGON2_KEYS,
  ARGON2_SALT_BYTES,
  isArgon2Type,
  isArgon2Version,
  nodeRsAlgorithm,
  nodeRsVersion,
  type Argon2Settings,
} from './argon2-parameters.js';
import { constantTimeEquals } from './constant-time.js';
import {
  firstParameter,
  writeKeycloakCredential,
  type KeycloakPasswordCredential,
  type StoredPassword,
} from './credential-json.js';
import { passwordCostLimits } from './limits.js';

function withinLimits(s: Omit<Argon2Settings, 'type' | 'version'>): boolean {
  const { memory, iterations, parallelism, hashLength } = s;
  return (
    [memory, iterations, parallelism, hashLength].every((n) => Number.isSafeInteger(n) && n >= 1) &&
    memory <= passwordCostLimits.maxArgon2MemoryKiB &&
    iterations <= passwordCostLimits.maxArgon2Iterations &&
    parallelism <= passwordCostLimits.maxArgon2Parallelism &&
    hashLength <= passwordCostLimits.maxHashLengthBytes
  );
}

/** BouncyCastle's Argon2BytesGenerator over the password's UTF-8 bytes (PasswordConverter.UTF8). */
function argon2(password: string, salt: Buffer, s: Argon2Settings): Promise<Buffer> {
  return hashRaw(Buffer.from(password, 'utf8'), {
    algorithm: nodeRsAlgorithm[s.type],
    version: nodeRsVersion[s.version],
    memoryCost: s.memory,
    timeCost: s.iterations,
    parallelism: s.parallelism,
    outputLen: s.hashLength,
    salt,
  });
}

/**
 * Argon2PasswordHashProvider.encodedCredential: a 16-byte salt, the hash in secretData, and the tuning
 * parameters as single-element string arrays in credentialData, in the order Keycloak's HashMap emits
 * them (hashLength, memory, type, version, parallelism; seen in Keycloak 24-26 exports).
 */
export async function hashArgon2(password: string, settings: Argon2Settings): Promise<KeycloakPasswordCredential> {
  if (!withinLimits(settings)) throw new RangeError('Argon2 settings out of range');
  const salt = randomBytes(ARGON2_SALT_BYTES);
  const hash = await argon2(password, salt, settings);
  const parameters = {
    [ARGON2_KEYS.hashLength]: [String(settings.hashLength)],
    [ARGON2_KEYS.memory]: [String(settings.memory)],
    [ARGON2_KEYS.type]: [settings.type],
    [ARGON2_KEYS.version]: [settings.version],
    [ARGON2_KEYS.parallelism]: [String(settings.parallelism)],
  };
  return writeKeycloakCredential('argon2', settings.iterations, parameters, hash, salt);
}

/** Integer.parseInt as Argon2PasswordHashProvider.verify applies it; a missing value fails the credential. */
function parseJavaInt(text: string | undefined): number {
  return text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Reads the settings a stored argon2 credential was made with; undefined when Keycloak could not. */
export function storedArgon2Settings(stored: StoredPassword): Argon2Settings | undefined {
  const p = stored.additionalParameters;
  const type = firstParameter(p, ARGON2_KEYS.type);
  const version = firstParameter(p, ARGON2_KEYS.version);
  if (!isArgon2Type(type) || !isArgon2Version(version)) return undefined;
  const settings: Argon2Settings = {
    type,
    version,
    hashLength: parseJavaInt(firstParameter(p, ARGON2_KEYS.hashLength)),
    memory: parseJavaInt(firstParameter(p, ARGON2_KEYS.memory)),
    parallelism: parseJavaInt(firstParameter(p, ARGON2_KEYS.parallelism)),
    iterations: stored.hashIterations,
  };
  return withinLimits(settings) ? settings : undefined;
}

/** Argon2PasswordHashProvider.verify: hash again with the stored settings and salt, compare the base64. */
export async function verifyArgon2(password: string, stored: StoredPassword): Promise<boolean> {
  const settings = storedArgon2Settings(stored);
  if (!settings) return false;
  const hash = await argon2(password, stored.salt, settings);
  return constantTimeEquals(hash.toString('base64'), stored.value);
}
