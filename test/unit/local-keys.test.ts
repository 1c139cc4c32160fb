import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { GeneratedKeyProvider } from '../../shared/crypto/generated-key-provider.js';
import { signJwt } from '../../shared/crypto/jws.js';
import { LocalSealer } from '../../shared/crypto/local-sealer.js';
import { jwksOf } from '../../shared/keys/jwks.js';
import { activeKeyFor, defaultKeySpecs, keyComponent, realmKeysOf } from '../../shared/keys/realm-keys.js';

const owner = { realmId: 'r1', componentId: 'c1' };

describe('local key provider (real crypto, master key on disk)', () => {
  it('creates the master key once, private to its owner, and reuses it', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'gh-')), 'sub', 'master.key');
    const sealer = await LocalSealer.fromFile(path);
    const first = await readFile(path, 'utf8');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await LocalSealer.fromFile(path);
    expect(await readFile(path, 'utf8')).toBe(first);
    const sealed = await sealer.seal(Buffer.from('secret'), { realmId: 'r1' });
    expect(JSON.stringify(sealed)).not.toContain('secret');
    expect((await again.unseal(sealed, { realmId: 'r1' })).toString()).toBe('secret');
  });

  it('binds sealed material to its context and master key', async () => {
    const sealer = LocalSealer.fromKey(randomBytes(32));
    const sealed = await sealer.seal(Buffer.from('k'), { realmId: 'r1', componentId: 'c1' });
    await expect(sealer.unseal(sealed, { realmId: 'r2', componentId: 'c1' })).rejects.toThrow();
    await expect(LocalSealer.fromKey(randomBytes(32)).unseal(sealed, { realmId: 'r1', componentId: 'c1' })).rejects.toThrow();
  });

  it.each(['RS256', 'PS256', 'ES256', 'ES384'] as const)('signs %s JWTs that jose verifies with the published key', async (alg) => {
    const provider = new GeneratedKeyProvider(LocalSealer.fromKey(randomBytes(32)));
    const material = await provider.generate(owner, alg);
    expect(material.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const jwt = await signJwt({ sub: 'u1', iss: 'x' }, await provider.signer(owner, material));
    const { payload, protectedHeader } = await jwtVerify(jwt, await importJWK({ ...material.publicJwk }, alg));
    expect(payload.sub).toBe('u1');
    expect(protectedHeader).toMatchObject({ alg, kid: material.kid, typ: 'JWT' });
  });

  it('makes secret HS512 keys that never reach the JWKS', async () => {
    const provider = new GeneratedKeyProvider(LocalSealer.fromKey(randomBytes(32)));
    const [rsa, hmac] = defaultKeySpecs('rsa-generated');
    const components = [
      keyComponent('r1', 'c-rsa', rsa!, await provider.generate({ realmId: 'r1', componentId: 'c-rsa' }, 'RS256')),
      keyComponent('r1', 'c-hmac', hmac!, await provider.generate({ realmId: 'r1', componentId: 'c-hmac' }, 'HS512')),
    ];
    const keys = realmKeysOf(components);
    expect(keys.map((k) => [k.algorithm, k.type, k.status])).toEqual([['RS256', 'RSA', 'ACTIVE'], ['HS512', 'OCT', 'ACTIVE']]);
    expect(jwksOf(keys).keys).toHaveLength(1);
    expect(Object.keys(jwksOf(keys).keys[0]!)).toEqual(['kid', 'kty', 'alg', 'use', 'n', 'e']);
    const hmacKey = activeKeyFor(keys, 'HS512')!;
    const jwt = await signJwt({ typ: 'Refresh' }, await provider.signer({ realmId: 'r1', componentId: 'c-hmac' }, hmacKey.material));
    expect(jwt.split('.')).toHaveLength(3);
  });

  it('orders keys by priority and publishes passive but not disabled keys', async () => {
    const provider = new GeneratedKeyProvider(LocalSealer.fromKey(randomBytes(32)));
    const spec = defaultKeySpecs('rsa-generated')[0]!;
    const make = async (id: string, priority: number, config: Record<string, string[]>) => {
      const component = keyComponent('r1', id, { ...spec, priority }, await provider.generate({ realmId: 'r1', componentId: id }, 'RS256'));
      return { ...component, rep: { ...component.rep, config: { ...component.rep.config, ...config } } };
    };
    const keys = realmKeysOf([await make('old', 100, { active: ['false'] }), await make('new', 101, {}), await make('off', 200, { enabled: ['false'] })]);
    expect(keys.map((k) => [k.componentId, k.status])).toEqual([['off', 'DISABLED'], ['new', 'ACTIVE'], ['old', 'PASSIVE']]);
    expect(activeKeyFor(keys, 'RS256')?.componentId).toBe('new');
    expect(jwksOf(keys).keys.map((k) => k.kid)).toEqual([keys[1]!.kid, keys[2]!.kid]);
  });
});
