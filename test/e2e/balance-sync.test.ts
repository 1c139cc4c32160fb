import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../bin/local/dynamodb-local.js';
import { startBalanceSync, type RunningBalanceSync } from '../../examples/balance-sync/src/server.js';
import { routePath } from '../../shared/routes.js';
import { spawnRuntime, type SpawnedRuntime } from '../support/spawn-runtime.js';

/**
 * The blog's consistency problem, end to end on `npm start` (issue 5): users created and deleted
 * through the Admin API reach the balance-sync example (its own table) through the outbox, the
 * stream, the publisher and the local bus; a receiver that is down loses nothing; an event the
 * receiver refuses waits in the dead-letter store until a redrive.
 */

const run = promisify(execFile);
const tableName = `e2e-events-${randomUUID()}`;
const balancesTable = `balances-${randomUUID()}`;
const SECRET = 'balance-sync-webhook-secret-0123';
const ADMIN = { username: 'root', password: 's3cret-Pass' };
let dataDir: string;
let runtime: SpawnedRuntime;
let backend: RunningBalanceSync;
let backendPort: number;
let token: string;
const realmIds: Record<string, string> = {};

const endpoint = () => inject('dynamoDbEndpoint');

async function startBackend(realms: string[]): Promise<RunningBalanceSync> {
  return startBalanceSync({ port: backendPort, secret: SECRET, realms, tableName: balancesTable, dynamoDbEndpoint: endpoint(), toleranceSeconds: 86_700 });
}

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

async function adminToken(): Promise<string> {
  const response = await fetch(`${runtime.baseUrl}${routePath('oidc.token', { realm: 'master' })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', ...ADMIN }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** POST /admin/realms → the new realm's id. */
async function createRealmThroughAdminApi(name: string): Promise<string> {
  const created = await admin('POST', routePath('admin.realms'), { realm: name, enabled: true });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return (await admin('GET', routePath('admin.realm', { realm: name }))).json.id as string;
}

/** POST /admin/realms/{realm}/users → the new user's id (the Location header's last segment). */
async function createUserThroughAdminApi(realm: string, username: string): Promise<string> {
  const answer = await admin('POST', routePath('admin.users', { realm }), { username, enabled: true });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.headers.get('location')!.split('/').at(-1)!;
}

/** DELETE /admin/realms/{realm}/users/{id}. */
async function deleteUserThroughAdminApi(realm: string, id: string): Promise<void> {
  const answer = await admin('DELETE', routePath('admin.users.rest', { realm, proxy: id }));
  expect(answer.status, JSON.stringify(answer.json)).toBe(204);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

async function deadLetters(): Promise<any[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bin/events.ts', 'dlq', 'list', '--json'], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, GATEHOUSE_DATA_DIR: dataDir },
  });
  return JSON.parse(stdout) as any[];
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-events-'));
  runtime = await spawnRuntime({
    GATEHOUSE_PORT: '0',
    GATEHOUSE_SES_PORT: '0',
    GATEHOUSE_DYNAMODB_ENDPOINT: endpoint(),
    GATEHOUSE_TABLE: tableName,
    GATEHOUSE_DATA_DIR: dataDir,
    KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    KC_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  token = await adminToken();
  for (const realm of ['shop', 'outlet']) realmIds[realm] = await createRealmThroughAdminApi(realm);
  // A token issued after the realms exist carries the admin roles over them.
  token = await adminToken();
  backendPort = await freePort();
  backend = await startBackend(['shop']);
  for (const realm of ['shop', 'outlet']) {
    // The blog's listener: registrations and deletions, and users created or deleted by admins.
    const listener = await admin('POST', routePath('admin.event-listeners', { realm }), {
      type: 'webhook',
      url: `${backend.url}/webhook`,
      secret: SECRET,
      eventTypes: ['REGISTER', 'DELETE_ACCOUNT'],
      includeAdminEvents: true,
    });
    expect(listener.status, JSON.stringify(listener.json)).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  await runtime?.stop();
});

describe('balance-sync on the local runtime', () => {
  let aliceId: string;

  it('holds a balance within 5 s of a user created through the Admin API', async () => {
    const started = performance.now();
    aliceId = await createUserThroughAdminApi('shop', 'alice');
    const answered = performance.now();
    const balance = await waitFor('alice balance', () => backend.balances.get(realmIds['shop']!, aliceId), 5000, 20);
    const done = performance.now();
    console.log(`admin create user → balance item: ${(done - started).toFixed(0)} ms (request ${(answered - started).toFixed(0)} ms, then delivery ${(done - answered).toFixed(0)} ms)`);
    expect(balance).toMatchObject({ realmId: realmIds['shop'], userId: aliceId, balanceCents: 0 });
    expect(backend.counts).toMatchObject({ created: 1, rejected: 0, duplicates: 0 });
  }, 30_000);

  it('removes the balance when the user is deleted', async () => {
    const started = performance.now();
    await deleteUserThroughAdminApi('shop', aliceId);
    const answered = performance.now();
    await waitFor('alice balance gone', async () => (await backend.balances.get(realmIds['shop']!, aliceId)) === undefined, 5000, 20);
    const done = performance.now();
    console.log(`admin delete user → balance gone: ${(done - started).toFixed(0)} ms (request ${(answered - started).toFixed(0)} ms, then delivery ${(done - answered).toFixed(0)} ms)`);
    expect(backend.counts).toMatchObject({ created: 1, deleted: 1 });
  }, 30_000);

  it('loses nothing while the receiver is down for 30 s, and duplicates change nothing', async () => {
    // A second listener to the same receiver: every event now arrives twice, with the same event id.
    const second = await admin('POST', routePath('admin.event-listeners', { realm: 'shop' }), {
      type: 'webhook',
      url: `${backend.url}/webhook`,
      secret: SECRET,
      eventTypes: ['REGISTER', 'DELETE_ACCOUNT'],
      includeAdminEvents: true,
    });
    expect(second.status).toBe(201);
    const before = { ...backend.counts };
    await backend.stop();
    const down = performance.now();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(await createUserThroughAdminApi('shop', `customer-${i}`));
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (performance.now() - down)));
    for (const id of ids) expect(await backend.balances.get(realmIds['shop']!, id)).toBeUndefined();

    backend = await startBackend(['shop']);
    const up = performance.now();
    await waitFor('all five balances', async () => (await Promise.all(ids.map((id) => backend.balances.get(realmIds['shop']!, id)))).every(Boolean), 60_000, 100);
    console.log(`receiver back after ${((up - down) / 1000).toFixed(1)} s down; all balances ${((performance.now() - up) / 1000).toFixed(1)} s later`);
    // Both deliveries of every event arrived; each event was applied exactly once.
    await waitFor('the duplicate deliveries', async () => backend.counts.duplicates === 5, 15_000, 100);
    expect(backend.counts).toMatchObject({ created: 5, duplicates: 5, rejected: 0, refused: 0 });
    // Ten deliveries of the five creations; anything else is the listener change's own admin event.
    expect(backend.counts.received - backend.counts.ignored).toBe(10);
    expect(before.created).toBe(1);
    expect(await admin('DELETE', routePath('admin.event-listeners.rest', { realm: 'shop', proxy: second.headers.get('location')!.split('/').at(-1)! }))).toMatchObject({ status: 204 });
  }, 120_000);

  it('keeps an event the receiver refuses in the dead-letter store, and delivers it after a redrive', async () => {
    const bobId = await createUserThroughAdminApi('outlet', 'bob');
    const [letter] = await waitFor('a dead letter', async () => {
      const letters = await deadLetters();
      return letters.length > 0 && letters;
    }, 10_000, 200);
    expect(letter).toMatchObject({
      target: 'webhook',
      realm: 'outlet',
      attempts: 1,
      event: `CREATE USER users/${bobId}`,
      error: { status: 422, message: 'HTTP 422: {"error":"realm outlet is not served here"}' },
    });
    expect(await backend.balances.get(realmIds['outlet']!, bobId)).toBeUndefined();

    // The receiver now serves the realm; the dead letter is sent back and delivered.
    await backend.stop();
    backend = await startBackend(['shop', 'outlet']);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bin/events.ts', 'dlq', 'redrive'], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, GATEHOUSE_DATA_DIR: dataDir },
    });
    expect(stdout).toContain('1 dead letter(s) sent back for delivery');
    await waitFor('bob balance after redrive', () => backend.balances.get(realmIds['outlet']!, bobId), 10_000, 50);
    expect(await deadLetters()).toEqual([]);
    expect(backend.counts).toMatchObject({ created: 1, refused: 0, rejected: 0 });
  }, 60_000);
});
