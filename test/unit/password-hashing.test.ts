import { verify as argon2VerifyPhc } from '@node-rs/argon2';
import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPasswordArgon2 } from '../../shared/crypto/password-hash.js';
import {
  hashPassword,
  parsePasswordPolicy,
  verifyPassword,
  type KeycloakPasswordCredential,
} from '../../shared/crypto/password/index.js';

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const b64 = (text: unknown) => Buffer.from(String(text), 'base64');
const noPad = (buf: Buffer) => buf.toString('base64').replace(/=+$/, '');

/** Replaces one field of one of the two JSON strings. */
function tamper(c: KeycloakPasswordCredential, part: 'secretData' | 'credentialData', patch: Record<string, unknown>) {
  return { ...c, [part]: JSON.stringify({ ...json(c[part]), ...patch }) };
}

describe('hashPassword with Keycloak 26 defaults (no hashAlgorithm policy: argon2)', () => {
  it('writes the credential exactly as Keycloak does', async () => {
    const c = await hashPassword('correct horse');
    expect(c.credentialData).toBe(
      '{"hashIterations":5,"algorithm":"argon2","additionalParameters":' +
        '{"hashLength":["32"],"memory":["7168"],"type":["id"],"version":["1.3"],"parallelism":["1"]}}',
    );
    expect(c.secretData).toMatch(/^\{"value":"[A-Za-z0-9+/]{43}=","salt":"[A-Za-z0-9+/]{22}==","additionalParameters":\{\}\}$/);
  });

  it('verifies, and an independent Argon2 verifier (PHC string) agrees', async () => {
    const c = await hashPassword('correct horse');
    const { value, salt } = json(c.secretData);
    // Self-made check: the same bytes through @node-rs/argon2's PHC-string verify, not our hashRaw path.
    const phc = `$argon2id$v=19$m=7168,t=5,p=1$${noPad(b64(salt))}$${noPad(b64(value))}`;
    expect(await argon2VerifyPhc(phc, 'correct horse')).toBe(true);
    expect(await verifyPassword('correct horse', c)).toBe(true);
    expect(await verifyPassword('correct horse ', c)).toBe(false);
  });

  it('uses a fresh salt every time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(json(a.secretData).salt).not.toBe(json(b.secretData).salt);
  });

  it('keeps the bootstrap export hashPasswordArgon2 working', async () => {
    const c = await hashPasswordArgon2('admin');
    expect(json(c.credentialData).algorithm).toBe('argon2');
    expect(await verifyPassword('admin', c)).toBe(true);
  });
});

describe('hashPassword with a pbkdf2 policy', () => {
  // Keycloak 26 defaults: Pbkdf2*PasswordHashProviderFactory.DEFAULT_ITERATIONS and derived key sizes.
  it.each([
    ['pbkdf2-sha512', 'sha512', 210_000, 64],
    ['pbkdf2-sha256', 'sha256', 600_000, 32],
    ['pbkdf2', 'sha1', 1_300_000, 64],
  ] as const)('%s defaults to %s, %i iterations, %i-byte key', async (algorithm, digest, iterations, bytes) => {
    const c = await hashPassword('pässwörd 🔑', parsePasswordPolicy(`hashAlgorithm(${algorithm})`));
    expect(c.credentialData).toBe(`{"hashIterations":${iterations},"algorithm":"${algorithm}","additionalParameters":{}}`);
    const { value, salt } = json(c.secretData);
    expect(b64(salt)).toHaveLength(16);
    // Self-made vector through a second path: synchronous node:crypto PBKDF2 over the UTF-8 bytes.
    expect(b64(value).equals(pbkdf2Sync(Buffer.from('pässwörd 🔑', 'utf8'), b64(salt), iterations, bytes, digest))).toBe(true);
    expect(await verifyPassword('pässwörd 🔑', c)).toBe(true);
  });

  it('takes the iteration count from hashIterations', async () => {
    const c = await hashPassword('pw', parsePasswordPolicy('hashAlgorithm(pbkdf2-sha256) and hashIterations(27500)'));
    expect(json(c.credentialData).hashIterations).toBe(27500);
    expect(b64(json(c.secretData).value)).toHaveLength(32);
  });

  it('refuses an iteration count PBEKeySpec would refuse', async () => {
    await expect(hashPassword('pw', parsePasswordPolicy('hashAlgorithm(pbkdf2-sha512) and hashIterations(0)'))).rejects.toThrow(RangeError);
  });
});

describe('hashPassword with argon2 and hashIterations (Argon2PasswordHashProvider.encodedCredential)', () => {
  it.each([
    ['hashIterations(3)', 3],
    ['hashIterations(100)', 100],
    ['hashIterations(27500)', 5], // > 100: "Iterations for Argon should be less than 100, using default"
    ['', 5],
  ])('%s gives %i passes', async (policy, passes) => {
    const c = await hashPassword('pw', parsePasswordPolicy(policy));
    expect(json(c.credentialData).hashIterations).toBe(passes);
    expect(await verifyPassword('pw', c)).toBe(true);
  });
});

describe('verifyPassword rejects what Keycloak cannot verify, without throwing', () => {
  const policy = parsePasswordPolicy('hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)');

  it('rejects wrong and empty passwords; accepts an empty password that was set', async () => {
    const c = await hashPassword('secret', policy);
    expect(await verifyPassword('Secret', c)).toBe(false);
    expect(await verifyPassword('', c)).toBe(false);
    expect(await verifyPassword('', await hashPassword('', policy))).toBe(true);
  });

  it('rejects tampered salt, value, iterations and algorithm', async () => {
    const c = await hashPassword('secret', policy);
    const salt = b64(json(c.secretData).salt);
    salt[0] = (salt[0] ?? 0) ^ 1;
    expect(await verifyPassword('secret', tamper(c, 'secretData', { salt: salt.toString('base64') }))).toBe(false);
    expect(await verifyPassword('secret', tamper(c, 'secretData', { value: Buffer.alloc(32).toString('base64') }))).toBe(false);
    expect(await verifyPassword('secret', tamper(c, 'credentialData', { hashIterations: 1001 }))).toBe(false);
    expect(await verifyPassword('secret', tamper(c, 'credentialData', { algorithm: 'pbkdf2-sha512' }))).toBe(false);
  });

  it('rejects a hash whose base64 is not canonical, as Keycloak compares the strings', async () => {
    const c = await hashPassword('secret', policy);
    const unpadded = String(json(c.secretData).value).replace(/=+$/, '');
    expect(await verifyPassword('secret', tamper(c, 'secretData', { value: unpadded }))).toBe(false);
  });

  it.each([
    ['unknown algorithm', { credentialData: '{"hashIterations":10,"algorithm":"bcrypt"}', secretData: '{"value":"AAAA","salt":"AAAA"}' }],
    ['removed algorithm', { credentialData: '{"hashIterations":10,"algorithm":"pbkdf2-sha384"}', secretData: '{"value":"AAAA","salt":"AAAA"}' }],
    ['malformed credentialData', { credentialData: '{"hashIterations":', secretData: '{"value":"AAAA","salt":"AAAA"}' }],
    ['malformed secretData', { credentialData: '{"hashIterations":1,"algorithm":"pbkdf2"}', secretData: 'not json' }],
    ['JSON that is not an object', { credentialData: '[]', secretData: 'null' }],
    ['placeholder salt', { credentialData: '{"hashIterations":1,"algorithm":"pbkdf2"}', secretData: '{"value":"AAAA","salt":"__SALT__"}' }],
    ['missing salt', { credentialData: '{"hashIterations":1,"algorithm":"pbkdf2"}', secretData: '{"value":"AAAA"}' }],
    ['non-base64 value', { credentialData: '{"hashIterations":1,"algorithm":"pbkdf2"}', secretData: '{"value":"!!!!","salt":"AAAA"}' }],
    ['empty value', { credentialData: '{"hashIterations":1,"algorithm":"pbkdf2"}', secretData: '{"value":"","salt":"AAAA"}' }],
    ['zero iterations', { credentialData: '{"hashIterations":0,"algorithm":"pbkdf2"}', secretData: '{"value":"AAAA","salt":"AAAA"}' }],
    [
      'argon2 without its parameters',
      { credentialData: '{"hashIterations":5,"algorithm":"argon2","additionalParameters":{}}', secretData: '{"value":"AAAA","salt":"AAAAAAAAAAA="}' },
    ],
    [
      'argon2 with an unknown type',
      {
        credentialData:
          '{"hashIterations":5,"algorithm":"argon2","additionalParameters":{"hashLength":["32"],"memory":["7168"],"type":["x"],"version":["1.3"],"parallelism":["1"]}}',
        secretData: '{"value":"AAAA","salt":"AAAAAAAAAAA="}',
      },
    ],
    [
      'argon2 asking for 4 TiB of memory',
      {
        credentialData:
          '{"hashIterations":5,"algorithm":"argon2","additionalParameters":{"hashLength":["32"],"memory":["4294967295"],"type":["id"],"version":["1.3"],"parallelism":["1"]}}',
        secretData: '{"value":"AAAA","salt":"AAAAAAAAAAA="}',
      },
    ],
    [
      'argon2 with a salt shorter than Argon2 allows',
      {
        credentialData:
          '{"hashIterations":1,"algorithm":"argon2","additionalParameters":{"hashLength":["32"],"memory":["64"],"type":["id"],"version":["1.3"],"parallelism":["1"]}}',
        secretData: '{"value":"AAAA","salt":"AAAA"}',
      },
    ],
  ])('%s', async (_name, credential) => {
    await expect(verifyPassword('password', credential)).resolves.toBe(false);
  });
});
