import { decodeBase64 } from './base64.js';

/**
 * A password credential's two JSON strings exactly as Keycloak stores and exports them
 * (CredentialRepresentation.secretData / credentialData), so exports move between the two servers.
 */
export interface KeycloakPasswordCredential {
  readonly secretData: string;
  readonly credentialData: string;
}

/** Keycloak's MultivaluedHashMap<String, String> as JSON: every value is an array of strings. */
export type AdditionalParameters = Readonly<Record<string, readonly string[]>>;

/** A parsed, decodable password credential (PasswordCredentialData + PasswordSecretData). */
export interface StoredPassword {
  readonly algorithm: string;
  readonly hashIterations: number;
  readonly additionalParameters: AdditionalParameters;
  /** The stored hash exactly as written: Keycloak compares base64 strings, not bytes. */
  readonly value: string;
  /** The decoded hash, for its length (Pbkdf2PasswordHashProvider.keySize). */
  readonly valueBytes: Buffer;
  readonly salt: Buffer;
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PasswordCredentialData is read by Jackson through its @JsonCreator (`algorithmData`) and, because the
 * getter returns a mutable map, also through `additionalParameters`, which is the name Keycloak writes.
 */
function parseParameters(raw: unknown): AdditionalParameters | undefined {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, readonly string[]> = {};
  for (const [key, values] of Object.entries(raw)) {
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return undefined;
    out[key] = values as string[];
  }
  return out;
}

/** Jackson coerces a numeric string into the `int hashIterations` field; anything else is unreadable. */
function parseIterations(raw: unknown): number | undefined {
  const n = typeof raw === 'string' && /^[+-]?\d+$/.test(raw) ? Number(raw) : raw;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Reads a credential the way PasswordCredentialModel.createFromCredentialModel does. Returns undefined
 * for anything Keycloak could not use to verify: malformed JSON, a missing salt (Keycloak maps null and
 * the placeholder "__SALT__" to no salt, which then fails in the hash provider), an undecodable or empty
 * value, or a non-integer iteration count.
 */
export function readStoredPassword(credential: KeycloakPasswordCredential): StoredPassword | undefined {
  const data = parseObject(credential.credentialData);
  const secret = parseObject(credential.secretData);
  if (!data || !secret) return undefined;
  const { algorithm } = data;
  const { value, salt } = secret;
  const hashIterations = parseIterations(data.hashIterations ?? 0);
  const additionalParameters = parseParameters(data.additionalParameters ?? data.algorithmData);
  if (typeof algorithm !== 'string' || typeof value !== 'string' || typeof salt !== 'string') return undefined;
  if (salt === '__SALT__' || hashIterations === undefined || !additionalParameters) return undefined;
  const valueBytes = decodeBase64(value);
  const saltBytes = decodeBase64(salt);
  if (!valueBytes || valueBytes.length === 0 || !saltBytes) return undefined;
  return { algorithm, hashIterations, additionalParameters, value, valueBytes, salt: saltBytes };
}

/**
 * Writes the two strings in Keycloak's field order (PasswordCredentialModel.createFromValues via Jackson):
 * credentialData `{"hashIterations","algorithm","additionalParameters"}`, secretData
 * `{"value","salt","additionalParameters"}`, base64 with padding (java.util.Base64 encoder).
 */
export function writeKeycloakCredential(
  algorithm: string,
  hashIterations: number,
  additionalParameters: AdditionalParameters,
  hash: Buffer,
  salt: Buffer,
): KeycloakPasswordCredential {
  return {
    secretData: JSON.stringify({ value: hash.toString('base64'), salt: salt.toString('base64'), additionalParameters: {} }),
    credentialData: JSON.stringify({ hashIterations, algorithm, additionalParameters }),
  };
}

/** MultivaluedHashMap.getFirst. */
export function firstParameter(parameters: AdditionalParameters, key: string): string | undefined {
  return parameters[key]?.[0];
}
