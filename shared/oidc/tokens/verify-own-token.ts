import { constants, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { hashOf, isHmac, type SigningAlgorithm } from '../../crypto/key-provider.js';
import type { KeyProviders } from '../../keys/key-providers.js';
import { canVerify, type RealmKey } from '../../keys/realm-keys.js';
import type { RealmConfig } from '../../realm/realm-config.js';

export type TokenPayload = Record<string, unknown> & { exp?: number; iat?: number; jti?: string; typ?: string; iss?: string; sub?: string; azp?: string; sid?: string };

export type VerifyResult = { ok: true; payload: TokenPayload; key: RealmKey } | { ok: false; reason: string };

const publicKeys = new Map<string, KeyObject>();

/**
 * Verifies a JWT this realm issued (RFC 7515 §5.2): a key of the realm with that kid that may still
 * verify (active or passive), the header's alg equal to the key's, the signature (HMAC compared in
 * constant time), the issuer, and expiry. Anything malformed is simply not valid.
 */
export async function verifyOwnToken(token: string, realm: RealmConfig, issuer: string, keys: KeyProviders, now = Date.now() / 1000): Promise<VerifyResult> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return { ok: false, reason: 'malformed' };
  const header = parseSegment(parts[0]!);
  const payload = parseSegment(parts[1]!) as TokenPayload | undefined;
  if (!header || !payload) return { ok: false, reason: 'malformed' };
  const key = realm.keys.find((candidate) => candidate.kid === header.kid && canVerify(candidate));
  if (!key || header.alg !== key.algorithm) return { ok: false, reason: 'unknown key' };
  const input = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
  const signature = Buffer.from(parts[2]!, 'base64url');
  if (!(await signatureValid(key, input, signature, realm.realm.id, keys))) return { ok: false, reason: 'bad signature' };
  if (payload.iss !== issuer) return { ok: false, reason: 'wrong issuer' };
  if (typeof payload.exp === 'number' && payload.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, payload, key };
}

async function signatureValid(key: RealmKey, input: Buffer, signature: Buffer, realmId: string, keys: KeyProviders): Promise<boolean> {
  const algorithm: SigningAlgorithm = key.algorithm;
  if (isHmac(algorithm)) {
    const expected = Buffer.from(await (await keys.signer({ realmId, componentId: key.componentId }, key.material)).sign(input));
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  if (!key.publicJwk) return false;
  let publicKey = publicKeys.get(key.kid);
  if (!publicKey) publicKeys.set(key.kid, (publicKey = createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' })));
  if (algorithm.startsWith('ES')) return verify(hashOf(algorithm), input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  if (algorithm.startsWith('PS')) return verify(hashOf(algorithm), input, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
  return verify(hashOf(algorithm), input, publicKey, signature);
}

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
