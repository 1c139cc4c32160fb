import { constants, createHmac, createPrivateKey, createPublicKey, generateKeyPair, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { keyIdOf, publicJwkOf } from './jwk.js';
import { hashOf, isHmac, type KeyMaterial, type KeyOwner, type KeyProvider, type Signer, type SigningAlgorithm } from './key-provider.js';
import type { SealContext, SecretSealer } from './sealer.js';

/** RSA modulus for rsa-generated keys: Keycloak's default keySize. */
const RSA_BITS = 2048;
/** HMAC secret length: Keycloak's hmac-generated default secretSize for HS512 is 64 bytes. */
const HMAC_BYTES = 64;
const generatePair = promisify(generateKeyPair) as (
  type: 'rsa' | 'ec',
  options: { modulusLength: number } | { namedCurve: string },
) => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;

const CURVES: Partial<Record<SigningAlgorithm, string>> = { ES256: 'P-256', ES384: 'P-384' };

/**
 * Keycloak's rsa-generated / ecdsa-generated / hmac-generated providers: key material generated in
 * the function, the private half sealed (local master key, or KMS envelope encryption on AWS).
 */
export class GeneratedKeyProvider implements KeyProvider {
  constructor(private readonly sealer: SecretSealer) {}

  async generate(owner: KeyOwner, algorithm: SigningAlgorithm): Promise<KeyMaterial> {
    if (isHmac(algorithm)) {
      const sealed = await this.sealer.seal(randomBytes(HMAC_BYTES), sealContext(owner));
      return { custody: 'generated', kid: randomUUID(), algorithm, sealed };
    }
    // Asynchronous: RSA generation takes hundreds of milliseconds and must not block other requests.
    const pair: { publicKey: KeyObject; privateKey: KeyObject } = algorithm.startsWith('ES')
      ? await generatePair('ec', { namedCurve: curveOf(algorithm) })
      : await generatePair('rsa', { modulusLength: RSA_BITS });
    const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    const sealed = await this.sealer.seal(der, sealContext(owner));
    return { custody: 'generated', kid: keyIdOf(pair.publicKey), algorithm, publicJwk: publicJwkOf(pair.publicKey), sealed };
  }

  /**
   * Seals a key that already exists (a realm file's key component: Keycloak's rsa/ecdsa `privateKey` as
   * PKCS#8 DER, hmac-generated's `secret` and `kid`), so an imported realm keeps signing with its keys
   * and tokens issued before the move still verify. Asymmetric keys get Keycloak's kid from the public key.
   */
  async adopt(owner: KeyOwner, algorithm: SigningAlgorithm, secret: Buffer, kid?: string): Promise<KeyMaterial> {
    const sealed = await this.sealer.seal(secret, sealContext(owner));
    if (isHmac(algorithm)) return { custody: 'generated', kid: kid ?? randomUUID(), algorithm, sealed };
    const publicKey = createPublicKey(createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' }));
    return { custody: 'generated', kid: keyIdOf(publicKey), algorithm, publicJwk: publicJwkOf(publicKey), sealed };
  }

  async signer(owner: KeyOwner, material: KeyMaterial): Promise<Signer> {
    if (!material.sealed) throw new Error(`Key ${material.kid} has no sealed material`);
    const secret = await this.sealer.unseal(material.sealed, sealContext(owner));
    const { kid, algorithm } = material;
    const hash = hashOf(algorithm);
    if (isHmac(algorithm)) {
      return { kid, algorithm, sign: async (input) => createHmac(hash, secret).update(input).digest() };
    }
    const privateKey = createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' });
    // Signed on the event loop: handing the private-key operation to libuv's pool (crypto.sign with a
    // callback, as jose does) doubled client_credentials req/s on the 2-core bench machine but cost
    // more CPU per request (refresh 534–596 per CPU-second against 712–832; concurrency 1 worst), and
    // on Lambda the CPU per request is what counts.
    if (algorithm.startsWith('ES')) {
      // JWS wants the raw r||s form, not DER (RFC 7518 §3.4).
      return { kid, algorithm, sign: async (input) => sign(hash, input, { key: privateKey, dsaEncoding: 'ieee-p1363' }) };
    }
    if (algorithm.startsWith('PS')) {
      // RSASSA-PSS with MGF1 and a salt as long as the hash output (RFC 7518 §3.5).
      const options = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
      return { kid, algorithm, sign: async (input) => sign(hash, input, options) };
    }
    return { kid, algorithm, sign: async (input) => sign(hash, input, privateKey) };
  }
}

export function sealContext(owner: KeyOwner): SealContext {
  return { realmId: owner.realmId, componentId: owner.componentId };
}

function curveOf(algorithm: SigningAlgorithm): string {
  const curve = CURVES[algorithm];
  if (!curve) throw new Error(`No curve for ${algorithm}`);
  return curve;
}
