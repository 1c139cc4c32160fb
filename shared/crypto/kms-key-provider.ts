import { createHash } from 'node:crypto';
import {
  CreateKeyCommand,
  GetPublicKeyCommand,
  SignCommand,
  type KeySpec,
  type KMSClient,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { ecdsaDerToRaw, ecdsaIntegerSize } from './ecdsa-der.js';
import { keyIdOf, publicJwkOf, publicKeyFromSpki } from './jwk.js';
import { hashOf, type KeyMaterial, type KeyOwner, type KeyProvider, type Signer, type SigningAlgorithm } from './key-provider.js';

/** The asymmetric JWS algorithms a KMS key can sign for; HMAC keys are never KMS keys (DESIGN.md §6). */
export type KmsSigningAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'ES256' | 'ES384';

/**
 * JWS algorithm (RFC 7518 §3.1) → KMS key spec and signing algorithm. RSA keys are RSA_2048, Keycloak's
 * default key size (DESIGN.md §6). PS256 maps to RSASSA_PSS_SHA_256, whose salt length equals the
 * digest length (32 octets), as RFC 7518 §3.5 requires.
 */
const KMS_ALGORITHMS: Record<KmsSigningAlgorithm, { keySpec: KeySpec; signing: SigningAlgorithmSpec }> = {
  RS256: { keySpec: 'RSA_2048', signing: 'RSASSA_PKCS1_V1_5_SHA_256' },
  RS384: { keySpec: 'RSA_2048', signing: 'RSASSA_PKCS1_V1_5_SHA_384' },
  RS512: { keySpec: 'RSA_2048', signing: 'RSASSA_PKCS1_V1_5_SHA_512' },
  PS256: { keySpec: 'RSA_2048', signing: 'RSASSA_PSS_SHA_256' },
  ES256: { keySpec: 'ECC_NIST_P256', signing: 'ECDSA_SHA_256' },
  ES384: { keySpec: 'ECC_NIST_P384', signing: 'ECDSA_SHA_384' },
};

export function isKmsSigningAlgorithm(algorithm: SigningAlgorithm): algorithm is KmsSigningAlgorithm {
  return Object.hasOwn(KMS_ALGORITHMS, algorithm);
}

/** The KMS SigningAlgorithm for a JWS algorithm; throws for HMAC, which KMS keys are never used for. */
export function kmsSigningAlgorithm(algorithm: SigningAlgorithm): SigningAlgorithmSpec {
  return kmsAlgorithm(algorithm).signing;
}

/**
 * Keycloak's key provider with KMS custody (DESIGN.md §6 `kms`): the private key is created in and
 * never leaves KMS; every JWS signature is a KMS Sign call on the locally computed digest.
 */
export class KmsKeyProvider implements KeyProvider {
  constructor(
    private readonly kms: KMSClient,
    private readonly options: { readonly stackTag: string; readonly signerRoles: readonly string[] },
  ) {}

  async generate(owner: KeyOwner, algorithm: SigningAlgorithm): Promise<KeyMaterial> {
    const { keySpec } = kmsAlgorithm(algorithm);
    const created = await this.kms.send(
      new CreateKeyCommand({
        KeySpec: keySpec,
        KeyUsage: 'SIGN_VERIFY',
        Description: `Gatehouse realm signing key ${owner.realmId}/${owner.componentId}`,
        // The key policy, not a tag, decides who signs: only the stack's signing roles.
        Policy: JSON.stringify(signingKeyPolicy(this.options.signerRoles)),
        // The creating role may not change key policies, so KMS's check that it could would fail; the
        // account keeps full administration through the policy's first statement.
        BypassPolicyLockoutSafetyCheck: true,
        // Tags are for operators (cost allocation, finding a deleted realm's keys), not for access.
        Tags: [
          { TagKey: 'gatehouse:stack', TagValue: this.options.stackTag },
          { TagKey: 'gatehouse:realm', TagValue: owner.realmId },
          { TagKey: 'gatehouse:component', TagValue: owner.componentId },
        ],
      }),
    );
    const arn = created.KeyMetadata?.Arn;
    const keyId = created.KeyMetadata?.KeyId ?? arn;
    if (!arn || !keyId) throw new Error('KMS CreateKey returned no key ARN');
    const { PublicKey: spki } = await this.kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!spki) throw new Error(`KMS GetPublicKey for ${arn} returned no PublicKey`);
    // GetPublicKey returns DER SubjectPublicKeyInfo, the input Keycloak's kid is computed from.
    const publicKey = publicKeyFromSpki(spki);
    return { custody: 'kms', kid: keyIdOf(publicKey), algorithm, publicJwk: publicJwkOf(publicKey), kmsKeyId: arn };
  }

  async signer(_owner: KeyOwner, material: KeyMaterial): Promise<Signer> {
    const { kid, algorithm, kmsKeyId } = material;
    if (material.custody !== 'kms' || !kmsKeyId) throw new Error(`Key ${kid} is not a KMS key`);
    const { signing } = kmsAlgorithm(algorithm);
    const hash = hashOf(algorithm);
    const kms = this.kms;
    return {
      kid,
      algorithm,
      async sign(signingInput: Uint8Array): Promise<Uint8Array> {
        // Hash here and send MessageType DIGEST: Sign's RAW message is limited to 4096 bytes, a JWT's
        // signing input is not, and a digest keeps token contents out of the request.
        const digest = createHash(hash).update(signingInput).digest();
        const { Signature } = await kms.send(
          new SignCommand({ KeyId: kmsKeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: signing }),
        );
        if (!Signature) throw new Error(`KMS Sign with ${kmsKeyId} returned no Signature`);
        // KMS gives ECDSA signatures in DER; JWS wants raw r||s (RFC 7518 §3.4). RSA ones are already raw.
        if (algorithm === 'ES256' || algorithm === 'ES384') return ecdsaDerToRaw(Signature, ecdsaIntegerSize(algorithm));
        return Signature;
      },
    };
  }
}

/**
 * Key policy of a realm signing key (AWS KMS key policies): the account administers the key (and may
 * delegate through IAM), and the stack's signing roles may sign and read the public key — nothing
 * else. Access no longer rests on tags that a role could put on other keys.
 */
export function signingKeyPolicy(signerRoles: readonly string[]): object {
  const first = signerRoles[0];
  const parts = first ? /^arn:(aws[\w-]*):iam::(\d{12}):role\//.exec(first) : null;
  if (!parts) throw new Error('KMS custody needs the signing roles (GATEHOUSE_KMS_SIGNER_ROLES)');
  const [, partition, account] = parts;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'GatehouseSigns',
        Effect: 'Allow',
        Principal: { AWS: [...signerRoles] },
        Action: ['kms:Sign', 'kms:GetPublicKey', 'kms:DescribeKey'],
        Resource: '*',
      },
    ],
  };
}

function kmsAlgorithm(algorithm: SigningAlgorithm): { keySpec: KeySpec; signing: SigningAlgorithmSpec } {
  if (!isKmsSigningAlgorithm(algorithm)) {
    throw new Error(`${algorithm} cannot be a KMS key: HMAC keys are always generated (envelope) keys (DESIGN.md §6)`);
  }
  return KMS_ALGORITHMS[algorithm];
}
