import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { routePath } from '../../shared/routes.js';
import { userKey } from '../../shared/store/keys.js';
import type { UserRecord } from '../../shared/store/users.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';
import { addUser, clientNamed, createFixtureRealm } from '../support/realm-builder.js';

let server: AdminServer;
const TEMPORARY = 'ad-temporary';
const PERMANENT = 'ad-permanent';
const realmIds: Record<string, string> = {};
const userIds: Record<string, string> = {};
const PASSWORD = 'right-Pass-1';
// Two failures lock (quick-login check off, so only the count matters).
const protectedSettings = { bruteForceProtected: true, failureFactor: 2, quickLoginCheckMilliSeconds: 0, waitIncrementSeconds: 60 };
const noRecord = { disabled: false, numFailures: 0, numTemporaryLockouts: 0, lastFailure: 0, lastIPFailure: 'n/a', failedLoginNotBefore: 0 };

beforeAll(async () => {
  server = await startAdminServer();
  realmIds[TEMPORARY] = (await createFixtureRealm(server.store, keyProviders(), TEMPORARY, { realm: { ...protectedSettings, adminEventsEnabled: true } })).realm.id;
  realmIds[PERMANENT] = (await createFixtureRealm(server.store, keyProviders(), PERMANENT, { realm: { ...protectedSettings, permanentLockout: true, maxTemporaryLockouts: 0 } })).realm.id;
  for (const name of ['alice', 'bob', 'carol']) userIds[name] = (await addUser(server.store, realmIds[TEMPORARY]!, { username: name, password: PASSWORD })).id!;
  userIds['dave'] = (await addUser(server.store, realmIds[PERMANENT]!, { username: 'dave', password: PASSWORD })).id!;
});
afterAll(() => server?.close());

async function login(realm: string, username: string, password: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function lockOut(realm: string, username: string): Promise<void> {
  for (let i = 0; i < 2; i++) expect(await login(realm, username, `wrong-${i}`)).toBe(401);
  expect(await login(realm, username, PASSWORD)).toBe(400);
}

const status = (realm: string, id: string) => server.kc.attackDetection.findOne({ realm, id });
const userPath = (realm: string, id: string) => `${routePath('admin.attack-detection', { realm, proxy: 'brute-force/users' })}/${id}`;

describe('attack detection', () => {
  it('reports nothing for a user without failures, and for an unknown id', async () => {
    expect(await status(TEMPORARY, userIds['alice']!)).toEqual(noRecord);
    expect(await status(TEMPORARY, 'no-such-user')).toEqual(noRecord);
  });

  it('shows a temporary lockout and releases it on clear, with an admin event', async () => {
    const before = Math.floor(Date.now() / 1000);
    await lockOut(TEMPORARY, 'alice');
    const locked = await status(TEMPORARY, userIds['alice']!);
    expect(locked).toMatchObject({ disabled: true, numFailures: 2, numTemporaryLockouts: 1, lastIPFailure: '127.0.0.1' });
    expect(locked!['failedLoginNotBefore']).toBeGreaterThanOrEqual(before + 60);
    expect(locked!['lastFailure']).toBeGreaterThanOrEqual(before * 1000);

    await server.kc.attackDetection.del({ realm: TEMPORARY, id: userIds['alice']! });
    expect(await status(TEMPORARY, userIds['alice']!)).toEqual(noRecord);
    expect(await login(TEMPORARY, 'alice', PASSWORD)).toBe(200);

    const events = await server.kc.realms.findAdminEvents({ realm: TEMPORARY, resourceTypes: 'USER_LOGIN_FAILURE' });
    expect(events.map((event) => [event.operationType, event.resourcePath])).toEqual([['DELETE', `attack-detection/brute-force/users/${userIds['alice']}`]]);
  });

  it('records no event when there was nothing to clear', async () => {
    const answer = await server.call('DELETE', userPath(TEMPORARY, userIds['carol']!));
    expect(answer.status).toBe(204);
    expect(await server.kc.realms.findAdminEvents({ realm: TEMPORARY, resourcePath: `*${userIds['carol']}` })).toEqual([]);
  });

  it('clears every record of the realm', async () => {
    await lockOut(TEMPORARY, 'bob');
    await lockOut(TEMPORARY, 'carol');
    expect((await status(TEMPORARY, userIds['bob']!))!['disabled']).toBe(true);
    await server.kc.attackDetection.delAll({ realm: TEMPORARY });
    expect(await status(TEMPORARY, userIds['bob']!)).toEqual(noRecord);
    expect(await status(TEMPORARY, userIds['carol']!)).toEqual(noRecord);
    expect(await login(TEMPORARY, 'carol', PASSWORD)).toBe(200);
    const [event] = await server.kc.realms.findAdminEvents({ realm: TEMPORARY, resourcePath: 'attack-detection/brute-force/users' });
    expect(event).toMatchObject({ operationType: 'DELETE', resourceType: 'USER_LOGIN_FAILURE' });
  });

  it('re-enables a user disabled by a permanent lockout', async () => {
    const daveKey = userKey(realmIds[PERMANENT]!, userIds['dave']!);
    await lockOut(PERMANENT, 'dave');
    const disabled = await server.store.get<UserRecord>(daveKey, { consistent: true });
    expect(disabled!.rep).toMatchObject({ enabled: false, attributes: { disabledReason: ['permanentLockout'] } });
    const locked = await server.call('GET', userPath(PERMANENT, userIds['dave']!));
    // Keycloak's Long.MAX_VALUE, as a JSON number.
    expect(locked.json).toMatchObject({ disabled: true, numFailures: 2, failedLoginNotBefore: 9223372036854775807 });

    await server.kc.attackDetection.del({ realm: PERMANENT, id: userIds['dave']! });
    const enabled = await server.store.get<UserRecord>(daveKey, { consistent: true });
    expect(enabled!.rep.enabled).toBe(true);
    expect(enabled!.rep.attributes?.['disabledReason']).toBeUndefined();
    expect(await login(PERMANENT, 'dave', PASSWORD)).toBe(200);
  });

  it('needs view-users to read and manage-users to clear', async () => {
    const realmId = realmIds[TEMPORARY]!;
    const management = await clientNamed(server.store, realmId, 'realm-management');
    const role = (name: string) => ({ roleId: management.roles.find((r) => r.rep.name === name)!.rep.id!, clientUuid: management.client.rep.id });
    await addUser(server.store, realmId, { username: 'plain', password: PASSWORD });
    await addUser(server.store, realmId, { username: 'viewer', password: PASSWORD, roles: [role('view-users')] });
    const plain = await server.token('plain', PASSWORD, TEMPORARY);
    const viewer = await server.token('viewer', PASSWORD, TEMPORARY);
    const path = userPath(TEMPORARY, userIds['alice']!);
    expect((await server.call('GET', path, { token: plain })).status).toBe(403);
    expect((await server.call('GET', path, { token: viewer })).status).toBe(200);
    expect((await server.call('DELETE', path, { token: viewer })).status).toBe(403);
    const all = routePath('admin.attack-detection', { realm: TEMPORARY, proxy: 'brute-force/users' });
    expect((await server.call('DELETE', all, { token: viewer })).status).toBe(403);
  });
});
