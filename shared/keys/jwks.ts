import { canVerify, type RealmKey } from './realm-keys.js';

export interface JsonWebKeySet {
  keys: Record<string, string>[];
}

/**
 * The realm's JWK Set (RFC 7517 §5) as Keycloak's certs endpoint publishes it: every enabled
 * asymmetric key, active or passive, so tokens signed before a rotation still verify. HMAC keys,
 * being secret, are never published.
 */
export function jwksOf(keys: readonly RealmKey[]): JsonWebKeySet {
  return {
    keys: keys
      .filter((key) => canVerify(key) && key.publicJwk)
      .map((key) => ({ kid: key.kid, kty: key.publicJwk!.kty, alg: key.algorithm, use: key.use, ...stripUndefined(key.publicJwk!) })),
  };
}

function stripUndefined(jwk: object): Record<string, string> {
  return Object.fromEntries(Object.entries(jwk).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
