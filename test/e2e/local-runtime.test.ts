import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signJwt } from '../../shared/crypto/jws.js';
import { routePath } from '../../shared/routes.js';
import { KeyProviders } from '../../shared/keys/key-providers.js';
import { activeKeyFor } from '../../shared/keys/realm-keys.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { Store } from '../../shared/store/store.js';
import { createDocumentClient } from '../../shared/store/dynamodb-client.js';
import { spawnRuntime, type SpawnedRuntime } from '../support/spawn-runtime.js';

const tableName = `e2e-${randomUUID()}`;
let dataDir: string;
let runtime: SpawnedRuntime;

const settings = () => ({
  GATEHOUSE_PORT: '0',
  GATEHOUSE_SES_PORT: '0',
  GATEHOUSE_DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
  GATEHOUSE_TABLE: tableName,
  GATEHOUSE_DATA_DIR: dataDir,
  KC_BOOTSTRAP_ADMIN_USERNAME: 'root',
  KC_BOOTSTRAP_ADMIN_PASSWORD: 's3cret-Pass',
});

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-'));
  runtime = await spawnRuntime(settings());
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('npm start (the local runtime on a random port)', () => {
  it('prints the base URL and the bootstrap admin, never the password', () => {
    expect(runtime.output()).toContain('Admin login (master): root / (the password you set)');
    expect(runtime.output()).not.toContain('s3cret-Pass');
    expect(runtime.output()).toMatch(/Mail \(SES\) viewer: +http:\/\/(localhost|127\.0\.0\.1):\d+/);
  });

  it('serves discovery and a JWKS that verifies tokens signed with the realm key', async () => {
    const discovery = (await (await fetch(`${runtime.baseUrl}${routePath('oidc.discovery', { realm: 'master' })}`)).json()) as { issuer: string; jwks_uri: string };
    expect(discovery.issuer).toBe(`${runtime.baseUrl}/realms/master`);

    // Sign as the server would: the master realm's active RS256 key, opened with the runtime's master key.
    const store = new Store(createDocumentClient(inject('dynamoDbEndpoint')), tableName);
    const config = (await loadRealmConfig(store, 'master'))!;
    const key = activeKeyFor(config.keys, 'RS256')!;
    const keys = new KeyProviders({ custody: 'local', kmsKeyId: undefined, kmsKeyTag: 'gatehouse', kmsSignerRoles: [], dataDir });
    const token = await signJwt({ iss: discovery.issuer, sub: 'root', aud: 'account' }, await keys.signer({ realmId: 'master', componentId: key.componentId }, key.material));

    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer, audience: 'account' });
    expect(payload.sub).toBe('root');
    expect(protectedHeader.kid).toBe(key.kid);
  });

  it('stops cleanly on SIGTERM and keeps everything for the next start', async () => {
    const firstKid = async () => ((await (await fetch(`${runtime.baseUrl}${routePath('oidc.certs', { realm: 'master' })}`)).json()) as { keys: { kid: string }[] }).keys[0]!.kid;
    const kidBefore = await firstKid();
    expect(await runtime.stop('SIGTERM')).toBe(0);
    runtime = await spawnRuntime(settings());
    expect(runtime.output()).toContain('unchanged (the master realm already existed');
    expect(await firstKid()).toBe(kidBefore);
  }, 90_000);
});

describe('npm start with its own DynamoDB Local, in memory', () => {
  it('starts DynamoDB Local, serves master, and takes its children down on Ctrl-C', async () => {
    const own = await spawnRuntime({ GATEHOUSE_PORT: '0', GATEHOUSE_SES_PORT: '0', GATEHOUSE_IN_MEMORY: '1' });
    try {
      expect(own.output()).toContain('admin / admin');
      expect(own.output()).toContain('WARNING: the master realm admin is admin/admin');
      const dynamo = /DynamoDB: +(\S+)/.exec(own.output())![1]!;
      const ses = /Mail \(SES\) viewer: +(\S+)/.exec(own.output())![1]!;
      expect((await fetch(`${own.baseUrl}${routePath('health.ready')}`)).status).toBe(200);
      expect(await own.stop('SIGINT')).toBe(0);
      await expect(fetch(dynamo)).rejects.toThrow();
      await expect(fetch(ses)).rejects.toThrow();
    } finally {
      if (own.child.exitCode === null) await own.stop('SIGKILL');
    }
  }, 90_000);
});

describe('npm start stopped during start-up', () => {
  it('leaves no DynamoDB Local or SES process behind', async () => {
    // Only this runtime's children count: other test files start and stop their own at the same time.
    const processes = () =>
      execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
        .filter((match): match is RegExpMatchArray => match !== null)
        .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3]! }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/serve.ts'], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, GATEHOUSE_PORT: '0', GATEHOUSE_SES_PORT: '0', GATEHOUSE_IN_MEMORY: '1', GATEHOUSE_LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Wait until DynamoDB Local's JVM has been spawned, well before start-up completes.
    const spawned = new Map<number, string>();
    for (let waited = 0; ![...spawned.values()].some((args) => args.includes('DynamoDBLocal.jar')) && waited < 20_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const p of processes()) if (p.ppid === child.pid) spawned.set(p.pid, p.args);
    }
    expect([...spawned.values()].filter((args) => args.includes('DynamoDBLocal.jar'))).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Every process the runtime started (DynamoDB Local, and the SES stand-in if it got that far) is gone.
    const alive = new Set(processes().map((p) => p.pid));
    expect([...spawned].filter(([pid]) => alive.has(pid)).map(([, args]) => args)).toEqual([]);
  }, 60_000);
});
