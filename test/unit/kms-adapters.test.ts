import {
  constants,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  privateEncrypt,
  randomBytes,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import {
  CreateKeyCommand,
  DecryptCommand,
  GenerateDataKeyCommand,
  GetPublicKeyCommand,
  KMSClient,
  SignCommand,
  type SignCommandInput,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { importJWK, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ecdsaDerToRaw } from '../../shared/crypto/ecdsa-der.js';
import { keyIdOf } from '../../shared/crypto/jwk.js';
import { signJwt } from '../../shared/crypto/jws.js';
import type { KeyOwner, Signer, SigningAlgorithm } from '../../shared/crypto/key-provider.js';
import { KmsEnvelopeSealer } from '../../shared/crypto/kms-envelope-sealer.js';
import { KmsKeyProvider, kmsSigningAlgorithm } from '../../shared/crypto/kms-key-provider.js';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const owner: KeyOwner = { realmId: 'realm-1', componentId: 'component-1' };
const context = { realmId: 'realm-1', componentId: 'component-1' };

const kmsMock = mockClient(KMSClient);
const kms = new KMSClient({ region: 'eu-west-1' });

beforeEach(() => kmsMock.reset());
afterEach(() => kmsMock.reset());

describe('KmsEnvelopeSealer', () => {
  const dataKey = randomBytes(32);
  const encryptedDataKey = randomBytes(184);
  let handedOut: Uint8Array[];

  beforeEach(() => {
    handedOut = [];
    // A fresh copy per call, as the SDK would deserialize one: the sealer zeroes what it is given.
    kmsMock.on(GenerateDataKeyCommand).callsFake(() => {
      const plaintext = Uint8Array.from(dataKey);
      handedOut.push(plaintext);
      return { KeyId: KEY_ARN, Plaintext: plaintext, CiphertextBlob: Uint8Array.from(encryptedDataKey) };
    });
    kmsMock.on(DecryptCommand).callsFake((input: { CiphertextBlob?: Uint8Array; EncryptionContext?: Record<string, string> }) => {
      // Real KMS refuses a data key whose encryption context differs from the one it was made with.
      if (!Buffer.from(input.CiphertextBlob ?? []).equals(encryptedDataKey)) throw new Error('InvalidCiphertextException');
      if (JSON.stringify(input.EncryptionContext) !== JSON.stringify(context)) throw new Error('InvalidCiphertextException');
      const plaintext = Uint8Array.from(dataKey);
      handedOut.push(plaintext);
      return { KeyId: KEY_ARN, Plaintext: plaintext };
    });
  });

  it('asks KMS for an AES_256 data key bound to the context and stores only its encrypted form', async () => {
    const sealer = new KmsEnvelopeSealer(kms, KEY_ARN);
    const sealed = await sealer.seal(Buffer.from('private key bytes'), context);

    const calls = kmsMock.commandCalls(GenerateDataKeyCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({ KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: context });
    expect(sealed).toMatchObject({ sealer: 'kms-envelope', kmsKeyId: KEY_ARN, encryptedDataKey: encryptedDataKey.toString('base64') });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString()).not.toContain('private key');
    expect(JSON.stringify(sealed)).not.toContain(dataKey.toString('base64'));
    // The plaintext data key was wiped once used.
    expect(handedOut[0]!.every((byte) => byte === 0)).toBe(true);
  });

  it('round-trips through KMS Decrypt with the CiphertextBlob, EncryptionContext and KeyId', async () => {
    const sealer = new KmsEnvelopeSealer(kms, KEY_ARN);
    const secret = randomBytes(64);
    const sealed = await sealer.seal(secret, context);
    const opened = await sealer.unseal(sealed, context);

    expect(opened.equals(secret)).toBe(true);
    const input = kmsMock.commandCalls(DecryptCommand)[0]!.args[0].input;
    expect(Buffer.from(input.CiphertextBlob!).equals(encryptedDataKey)).toBe(true);
    expect(input.EncryptionContext).toEqual(context);
    expect(input.KeyId).toBe(KEY_ARN);
    expect(handedOut[1]!.every((byte) => byte === 0)).toBe(true);
  });

  it('refuses to unseal under another context', async () => {
    const sealer = new KmsEnvelopeSealer(kms, KEY_ARN);
    const sealed = await sealer.seal(randomBytes(32), context);
    await expect(sealer.unseal(sealed, { ...context, componentId: 'component-2' })).rejects.toThrow();
  });

  it('refuses to unseal with a tampered ciphertext even when KMS returns the data key', async () => {
    const sealer = new KmsEnvelopeSealer(kms, KEY_ARN);
    const sealed = await sealer.seal(randomBytes(32), context);
    const ciphertext = Buffer.from(sealed.ciphertext, 'base64');
    ciphertext[0]! ^= 1;
    await expect(sealer.unseal({ ...sealed, ciphertext: ciphertext.toString('base64') }, context)).rejects.toThrow();
  });

  it('rejects secrets from another sealer and empty KMS answers', async () => {
    const sealer = new KmsEnvelopeSealer(kms, KEY_ARN);
    await expect(sealer.unseal({ sealer: 'local', iv: '', ciphertext: '', tag: '' }, context)).rejects.toThrow(/sealed by local/);
    kmsMock.on(GenerateDataKeyCommand).resolves({ CiphertextBlob: encryptedDataKey });
    await expect(sealer.seal(randomBytes(8), context)).rejects.toThrow(/no Plaintext/);
    kmsMock.on(GenerateDataKeyCommand).resolves({ Plaintext: Uint8Array.from(dataKey) });
    await expect(sealer.seal(randomBytes(8), context)).rejects.toThrow(/no CiphertextBlob/);
  });
});

/** DigestInfo prefixes for PKCS#1 v1.5 signatures over a precomputed digest (RFC 8017 §9.2 note 1). */
const DIGEST_INFO: Record<string, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

/**
 * A KMS stand-in holding real key pairs: CreateKey makes one per KeySpec, GetPublicKey returns its
 * SPKI DER, Sign signs the DIGEST it is sent. RSA PKCS#1 v1.5 signs the digest itself; node cannot
 * sign an ECDSA or PSS digest directly, so those sign the recorded signing input after checking the
 * digest is its hash — the same signature KMS would return.
 */
function fakeKms() {
  const keys = new Map<string, KeyObject>();
  let lastSigningInput: Uint8Array | undefined;
  kmsMock.on(CreateKeyCommand).callsFake((input: { KeySpec?: string }) => {
    const pair =
      input.KeySpec === 'RSA_2048'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: input.KeySpec === 'ECC_NIST_P256' ? 'P-256' : 'P-384' });
    const keyId = `key-${keys.size + 1}`;
    keys.set(keyId, pair.privateKey);
    return { KeyMetadata: { KeyId: keyId, Arn: `arn:aws:kms:eu-west-1:111122223333:key/${keyId}` } };
  });
  kmsMock.on(GetPublicKeyCommand).callsFake((input: { KeyId?: string }) => {
    const spki = createPublicKey(keys.get(input.KeyId!)!).export({ format: 'der', type: 'spki' });
    return { KeyId: input.KeyId, PublicKey: spki };
  });
  kmsMock.on(SignCommand).callsFake((input: SignCommandInput) => {
    const privateKey = keys.get(input.KeyId!.split('/').pop()!)!;
    const algorithm = input.SigningAlgorithm!;
    const hash = `sha${algorithm.slice(-3)}`;
    const message = Buffer.from(input.Message!);
    if (input.MessageType !== 'DIGEST') throw new Error('expected a digest');
    if (algorithm.startsWith('RSASSA_PKCS1')) {
      const digestInfo = Buffer.concat([Buffer.from(DIGEST_INFO[hash]!, 'hex'), message]);
      return { Signature: privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo) };
    }
    expect(message.equals(createHash(hash).update(lastSigningInput!).digest())).toBe(true);
    if (algorithm.startsWith('RSASSA_PSS')) {
      return { Signature: nodeSign(hash, lastSigningInput!, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }) };
    }
    return { Signature: nodeSign(hash, lastSigningInput!, { key: privateKey, dsaEncoding: 'der' }) };
  });
  /** Records what the Signer is asked to sign, for the ECDSA/PSS half of the stand-in. */
  const spy = (signer: Signer): Signer => ({
    kid: signer.kid,
    algorithm: signer.algorithm,
    sign: (input) => {
      lastSigningInput = input;
      return signer.sign(input);
    },
  });
  return { keys, spy };
}


describe('KmsKeyProvider', () => {
  const signerRoles = ['arn:aws:iam::111122223333:role/Gatehouse-OidcToken', 'arn:aws:iam::111122223333:role/Gatehouse-Bootstrap'];
  const provider = new KmsKeyProvider(kms, { stackTag: 'gatehouse-test', signerRoles });

  it('creates a tagged SIGN_VERIFY key and derives kid and JWK from GetPublicKey', async () => {
    const { keys } = fakeKms();
    const material = await provider.generate(owner, 'RS256');

    expect(kmsMock.commandCalls(CreateKeyCommand)[0]!.args[0].input).toEqual({
      KeySpec: 'RSA_2048',
      KeyUsage: 'SIGN_VERIFY',
      Description: 'Gatehouse realm signing key realm-1/component-1',
      // Only the stack's signing roles may sign; the account administers the key.
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
          { Sid: 'GatehouseSigns', Effect: 'Allow', Principal: { AWS: signerRoles }, Action: ['kms:Sign', 'kms:GetPublicKey', 'kms:DescribeKey'], Resource: '*' },
        ],
      }),
      BypassPolicyLockoutSafetyCheck: true,
      Tags: [
        { TagKey: 'gatehouse:stack', TagValue: 'gatehouse-test' },
        { TagKey: 'gatehouse:realm', TagValue: 'realm-1' },
        { TagKey: 'gatehouse:component', TagValue: 'component-1' },
      ],
    });
    expect(kmsMock.commandCalls(GetPublicKeyCommand)[0]!.args[0].input).toEqual({ KeyId: 'key-1' });
    const publicKey = createPublicKey(keys.get('key-1')!);
    const jwk = publicKey.export({ format: 'jwk' });
    expect(material).toEqual({
      custody: 'kms',
      kid: keyIdOf(publicKey),
      algorithm: 'RS256',
      publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e },
      kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/key-1',
    });
  });

  it.each([
    ['PS256', 'RSA_2048'],
    ['ES256', 'ECC_NIST_P256'],
    ['ES384', 'ECC_NIST_P384'],
  ] as const)('creates %s keys with KeySpec %s', async (algorithm, keySpec) => {
    fakeKms();
    const material = await provider.generate(owner, algorithm);
    expect(kmsMock.commandCalls(CreateKeyCommand)[0]!.args[0].input.KeySpec).toBe(keySpec);
    expect(material.publicJwk?.kty).toBe(algorithm.startsWith('ES') ? 'EC' : 'RSA');
  });

  it.each(['HS256', 'HS384', 'HS512'] as const)('refuses %s: HMAC keys are never KMS keys', async (algorithm) => {
    await expect(provider.generate(owner, algorithm)).rejects.toThrow(/HMAC keys are always generated/);
    expect(() => kmsSigningAlgorithm(algorithm)).toThrow(/HMAC/);
    expect(kmsMock.calls()).toHaveLength(0);
  });

  it('maps JWS algorithms to KMS signing algorithms', () => {
    expect(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'].map((alg) => kmsSigningAlgorithm(alg as SigningAlgorithm))).toEqual([
      'RSASSA_PKCS1_V1_5_SHA_256',
      'RSASSA_PKCS1_V1_5_SHA_384',
      'RSASSA_PKCS1_V1_5_SHA_512',
      'RSASSA_PSS_SHA_256',
      'ECDSA_SHA_256',
      'ECDSA_SHA_384',
    ]);
  });

  it('signs a locally computed digest with MessageType DIGEST', async () => {
    const { keys } = fakeKms();
    const material = await provider.generate(owner, 'RS256');
    const signer = await provider.signer(owner, material);
    const input = Buffer.from('header.payload', 'ascii');
    const signature = await signer.sign(input);

    const sign = kmsMock.commandCalls(SignCommand)[0]!.args[0].input;
    expect(sign.KeyId).toBe(material.kmsKeyId);
    expect(sign.MessageType).toBe('DIGEST');
    expect(sign.SigningAlgorithm).toBe('RSASSA_PKCS1_V1_5_SHA_256');
    expect(Buffer.from(sign.Message!).equals(createHash('sha256').update(input).digest())).toBe(true);
    expect(nodeVerify('sha256', input, createPublicKey(keys.get('key-1')!), signature)).toBe(true);
  });

  it('refuses material that is not a KMS key', async () => {
    await expect(provider.signer(owner, { custody: 'generated', kid: 'k', algorithm: 'RS256' })).rejects.toThrow(/not a KMS key/);
  });

  it.each(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'] as const)(
    'issues a %s JWT that jose verifies against the published JWK',
    async (algorithm) => {
      const { spy } = fakeKms();
      const material = await provider.generate(owner, algorithm);
      const signer = spy(await provider.signer(owner, material));
      const token = await signJwt({ sub: 'user-1', iss: 'https://gatehouse.test/realms/realm-1' }, signer);

      const key = await importJWK({ ...material.publicJwk }, algorithm);
      const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: [algorithm] });
      expect(payload.sub).toBe('user-1');
      expect(protectedHeader).toEqual({ alg: algorithm, typ: 'JWT', kid: material.kid });
      expect(kmsMock.commandCalls(SignCommand)[0]!.args[0].input.SigningAlgorithm).toBe(kmsSigningAlgorithm(algorithm));
      if (algorithm === 'ES256') expect(Buffer.from(token.split('.')[2]!, 'base64url')).toHaveLength(64);
      if (algorithm === 'ES384') expect(Buffer.from(token.split('.')[2]!, 'base64url')).toHaveLength(96);
    },
  );
});

describe('ecdsaDerToRaw', () => {
  /** DER for SEQUENCE { INTEGER r, INTEGER s } from the integers' content octets. */
  const der = (r: Buffer, s: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from([0x02, r.length]), r, Buffer.from([0x02, s.length]), s]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  };

  it('strips the sign octet of an integer whose top bit is set and left-pads a short one', () => {
    const r = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(32, 0xff)]); // 33 octets: 0x00 then 0xff…
    const s = Buffer.from([0x01, 0x02, 0x03]); // a 3-octet integer: 29 leading zero octets dropped by DER
    const raw = ecdsaDerToRaw(der(r, s), 32);
    expect(raw).toHaveLength(64);
    expect(raw.subarray(0, 32).equals(Buffer.alloc(32, 0xff))).toBe(true);
    expect(raw.subarray(32).equals(Buffer.concat([Buffer.alloc(29), s]))).toBe(true);
  });

  it('handles P-384 sizes and the long length form', () => {
    const r = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(48, 0x80)]);
    const s = Buffer.alloc(48, 0x11);
    const body = Buffer.concat([Buffer.from([0x02, r.length]), r, Buffer.from([0x02, s.length]), s]);
    const longForm = Buffer.concat([Buffer.from([0x30, 0x81, body.length]), body]);
    expect(ecdsaDerToRaw(longForm, 48).equals(Buffer.concat([Buffer.alloc(48, 0x80), s]))).toBe(true);
  });

  it('rejects malformed signatures', () => {
    const ok = der(Buffer.from([0x01]), Buffer.from([0x02]));
    expect(() => ecdsaDerToRaw(Buffer.concat([ok, Buffer.from([0])]), 32)).toThrow(/trailing/);
    expect(() => ecdsaDerToRaw(ok.subarray(0, ok.length - 1), 32)).toThrow(/truncated/);
    expect(() => ecdsaDerToRaw(der(Buffer.alloc(33, 0x01), Buffer.from([0x02])), 32)).toThrow(/longer than 32/);
    expect(() => ecdsaDerToRaw(der(Buffer.from([0x80]), Buffer.from([0x02])), 32)).toThrow(/negative/);
    expect(() => ecdsaDerToRaw(Buffer.from([0x31, 0x00]), 32)).toThrow(/expected tag/);
  });

  it.each([
    ['P-256', 32, 'sha256'],
    ['P-384', 48, 'sha384'],
  ] as const)('agrees with node on real %s signatures of every length', async (namedCurve, size, hash) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
    const lengths = new Set<number>();
    // About 3 in 4 real signatures carry a 0x00 sign octet, about 1 in 128 a short integer; the
    // hand-built DER above pins the short case, this checks the converter against node's own encoder.
    for (let i = 0; i < 300; i++) {
      const data = randomBytes(16);
      const signature = nodeSign(hash, data, { key: privateKey, dsaEncoding: 'der' });
      lengths.add(signature.length);
      const raw = ecdsaDerToRaw(signature, size);
      expect(raw).toHaveLength(2 * size);
      expect(nodeVerify(hash, data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
    expect(lengths.size).toBeGreaterThan(2);
  });
});
