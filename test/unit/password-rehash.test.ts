import { describe, expect, it } from 'vitest';
import {
  defaultPasswordHashSettings,
  hashPassword,
  keycloakArgon2Settings,
  needsRehash,
  parsePasswordPolicy,
  type KeycloakPasswordCredential,
} from '../../shared/crypto/password/index.js';

const pbkdf2 = (algorithm: string, iterations: number, keyBytes: number): KeycloakPasswordCredential => ({
  secretData: JSON.stringify({ value: Buffer.alloc(keyBytes, 7).toString('base64'), salt: 'AAAAAAAAAAAAAAAAAAAAAA==', additionalParameters: {} }),
  credentialData: JSON.stringify({ hashIterations: iterations, algorithm, additionalParameters: {} }),
});

const argon2 = (overrides: Partial<Record<'type' | 'version' | 'hashLength' | 'memory' | 'parallelism', string>>, passes = 5) => ({
  secretData: JSON.stringify({ value: Buffer.alloc(32).toString('base64'), salt: 'AAAAAAAAAAAAAAAAAAAAAA==', additionalParameters: {} }),
  credentialData: JSON.stringify({
    hashIterations: passes,
    algorithm: 'argon2',
    additionalParameters: Object.fromEntries(
      Object.entries({ hashLength: '32', memory: '7168', type: 'id', version: '1.3', parallelism: '1', ...overrides }).map(([k, v]) => [k, [v]]),
    ),
  }),
});

const policy = parsePasswordPolicy;

describe('needsRehash (PasswordCredentialProvider.rehashPasswordIfRequired)', () => {
  it.each(['', 'hashAlgorithm(argon2)', 'hashAlgorithm(pbkdf2-sha512)', 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)'])(
    'a fresh hash under "%s" needs none',
    async (text) => {
      expect(needsRehash(await hashPassword('pw', policy(text)), policy(text))).toBe(false);
    },
  );

  it('moves pbkdf2 credentials to argon2 when the realm has no hashAlgorithm', () => {
    expect(needsRehash(pbkdf2('pbkdf2-sha512', 210_000, 64), policy(''))).toBe(true);
    expect(needsRehash(pbkdf2('pbkdf2-sha512', 210_000, 64), undefined)).toBe(true);
  });

  it('keeps a pbkdf2-sha512 credential that matches the policy and its default iterations', () => {
    expect(needsRehash(pbkdf2('pbkdf2-sha512', 210_000, 64), policy('hashAlgorithm(pbkdf2-sha512)'))).toBe(false);
    expect(needsRehash(pbkdf2('pbkdf2-sha512', 27_500, 64), policy('hashAlgorithm(pbkdf2-sha512)'))).toBe(true);
  });

  it('upgrades a pre-Keycloak-24 pbkdf2-sha256 hash: 27500 iterations and a 512-bit key', () => {
    const old = pbkdf2('pbkdf2-sha256', 27_500, 64);
    expect(needsRehash(old, policy('hashAlgorithm(pbkdf2-sha256)'))).toBe(true);
    // Same iterations as the policy, but Keycloak 26 derives 256-bit keys: the size alone triggers it.
    expect(needsRehash(old, policy('hashAlgorithm(pbkdf2-sha256) and hashIterations(27500)'))).toBe(true);
    expect(needsRehash(pbkdf2('pbkdf2-sha256', 27_500, 32), policy('hashAlgorithm(pbkdf2-sha256) and hashIterations(27500)'))).toBe(false);
    expect(needsRehash(pbkdf2('pbkdf2-sha256', 600_000, 32), policy('hashAlgorithm(pbkdf2-sha256)'))).toBe(false);
  });

  it('compares every Argon2 parameter with the configured settings', () => {
    expect(needsRehash(argon2({}), policy(''))).toBe(false);
    expect(needsRehash(argon2({ type: 'i' }), policy(''))).toBe(true);
    expect(needsRehash(argon2({ version: '1.0' }), policy(''))).toBe(true);
    expect(needsRehash(argon2({ hashLength: '64' }), policy(''))).toBe(true);
    expect(needsRehash(argon2({ memory: '19456' }), policy(''))).toBe(true);
    expect(needsRehash(argon2({ parallelism: '2' }), policy(''))).toBe(true);
    expect(needsRehash(argon2({}, 3), policy(''))).toBe(true);
  });

  it('follows server settings, not only the realm policy', () => {
    const settings = { ...defaultPasswordHashSettings, argon2: { ...keycloakArgon2Settings, memory: 19456 } };
    expect(needsRehash(argon2({}), policy(''), settings)).toBe(true);
    expect(needsRehash(argon2({ memory: '19456' }), policy(''), settings)).toBe(false);
  });

  it('uses the passes argon2 hashing would use for the policy', () => {
    // hashIterations(27500) is ignored by argon2 (> 100), so a default hash stays.
    expect(needsRehash(argon2({}), policy('hashIterations(27500)'))).toBe(false);
    expect(needsRehash(argon2({}), policy('hashIterations(3)'))).toBe(true);
    expect(needsRehash(argon2({}, 3), policy('hashIterations(3)'))).toBe(false);
  });

  it('rehashes a credential it cannot read', () => {
    expect(needsRehash({ secretData: '{', credentialData: '{}' }, policy(''))).toBe(true);
    expect(needsRehash(argon2({ type: 'x' }), policy(''))).toBe(true);
  });
});
