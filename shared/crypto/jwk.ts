import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { PublicJwk } from './key-provider.js';

/**
 * Keycloak's key id for asymmetric keys: base64url(SHA-256(DER SubjectPublicKeyInfo)) — the same
 * value Keycloak's KeyUtils.createKeyId gives, so a key moved between the two keeps its kid.
 */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64url');
}

/** Only the public members, in RFC 7517/7518 names (RSA: n, e; EC: crv, x, y). */
export function publicJwkOf(publicKey: KeyObject): PublicJwk {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty === 'RSA') return { kty: 'RSA', n: jwk.n!, e: jwk.e! };
  if (jwk.kty === 'EC') return { kty: 'EC', crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
  throw new Error(`Unsupported key type ${String(jwk.kty)}`);
}

export function publicKeyFromSpki(der: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
}
