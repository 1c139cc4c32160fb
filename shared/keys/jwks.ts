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
      .map((key) => {
        const jwk = key.publicJwk!;
        // Member order as Keycloak writes them (JWK: kid, kty, alg, use; then RSA n, e or EC crv, x, y).
        const members = jwk.kty === 'RSA' ? { n: jwk.n, e: jwk.e } : { crv: jwk.crv, x: jwk.x, y: jwk.y };
        return { kid: key.kid, kty: jwk.kty, alg: key.algorithm, use: key.use, ...(members as unknown as Record<string, string>) };
      }),
  };
}
