import type { SealedSecret } from './sealer.js';

/** JWS algorithms Gatehouse signs with (RFC 7518 §3.1). */
export type SigningAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'ES256' | 'ES384' | 'HS256' | 'HS384' | 'HS512';

export type PublicJwk = {
  readonly kty: 'RSA' | 'EC';
  readonly n?: string;
  readonly e?: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
};

/**
 * What a key provider leaves in the realm's key component: public parts in the clear, private parts
 * sealed (generated keys) or only referenced (kms keys, whose private half never leaves KMS).
 */
export interface KeyMaterial {
  readonly custody: 'generated' | 'kms';
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
  /** Asymmetric keys only: published in the realm's JWKS. */
  readonly publicJwk?: PublicJwk;
  /** generated: the private key (PKCS#8 DER) or HMAC secret, sealed. */
  readonly sealed?: SealedSecret;
  /** kms: the KMS key ARN. */
  readonly kmsKeyId?: string;
}

/** Signs JWS signing input (RFC 7515 §5.1 step 5) with one key. */
export interface Signer {
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}

/** Identifies the component a key belongs to; bound to sealed material and KMS key tags. */
export interface KeyOwner {
  readonly realmId: string;
  readonly componentId: string;
}

/**
 * Port: creates realm keys and opens them for signing (DESIGN.md §6). Implementations:
 * GeneratedKeyProvider (material made here, sealed by a SecretSealer: local master key or KMS
 * envelope) and KmsKeyProvider (asymmetric KMS key; every signature is a KMS Sign call).
 */
export interface KeyProvider {
  generate(owner: KeyOwner, algorithm: SigningAlgorithm): Promise<KeyMaterial>;
  signer(owner: KeyOwner, material: KeyMaterial): Promise<Signer>;
}

export const isHmac = (algorithm: SigningAlgorithm): boolean => algorithm.startsWith('HS');

/** Hash named in an algorithm identifier (RFC 7518 §3.1). */
export function hashOf(algorithm: SigningAlgorithm): 'sha256' | 'sha384' | 'sha512' {
  const bits = algorithm.slice(2);
  if (bits === '256') return 'sha256';
  if (bits === '384') return 'sha384';
  return 'sha512';
}
