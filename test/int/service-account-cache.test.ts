import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createClient } from '../../shared/realm/create-client.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { RealmDirectory } from '../../shared/realm/realm-directory.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { defaultStore } from '../../shared/store/default-store.js';
import { userKey } from '../../shared/store/keys.js';
import { UsersRepository, type UserRecord } from '../../shared/store/users.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';

/*
 * A client's service-account user is cached with the client per realm configVersion
 * (RealmDirectory.serviceAccount): a warm client_credentials grant makes no DynamoDB request, and
 * every admin write that changes what the service account's token carries bumps configVersion, so
 * the next grant sees it.
 */

let server: AdminServer;
let realmId: string;
let clientUuid: string;
let serviceAccountId: string;
const REALM = 'sa-cache';
const SECRET = 'robot-secret';
const fresh = async (): Promise<RealmConfig> => (await loadRealmConfig(server.store, realmId))!;
const userPath = (...rest: string[]) => routePath('admin.users.rest', { realm: REALM, proxy: rest.join('/') });

beforeAll(async () => {
  server = await startAdminServer();
  realmId = (await createRealm(realmCreation(server.store, keyProviders()), { realm: REALM, enabled: true })).id;
  clientUuid = (await createClient(server.store, await fresh(), { clientId: 'robot', secret: SECRET, serviceAccountsEnabled: true })).id;
  serviceAccountId = (await new ClientsRepository(server.store).load(realmId, clientUuid))!.client.serviceAccountUserId!;
  server.kc.setConfig({ realmName: REALM });
  await server.kc.roles.create({ name: 'deployer' });
});
afterAll(() => server?.close());
afterEach(() => vi.restoreAllMocks());

async function grant(): Promise<{ status: number; json: Record<string, any> }> {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`robot:${SECRET}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function claims(): Promise<Record<string, any>> {
  const { status, json } = await grant();
  expect(status, JSON.stringify(json)).toBe(200);
  return JSON.parse(Buffer.from((json['access_token'] as string).split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}

const admin = async (method: string, path: string, body?: unknown) => {
  const answer = await server.call(method, path, body === undefined ? {} : { body });
  expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(300);
};

describe('service-account user cached with its client', () => {
  it('serves a warm client_credentials grant without any DynamoDB request', async () => {
    await claims();
    const calls: string[] = [];
    const stop = defaultStore().client.observe((call) => calls.push(call.operation));
    await claims();
    stop();
    expect(calls).toEqual([]);
  });

  it('sees role mapping changes of the service account at once', async () => {
    expect((await claims())['realm_access']?.roles ?? []).not.toContain('deployer');
    const deployer = await server.kc.roles.findOneByName({ name: 'deployer' });
    await admin('POST', userPath(serviceAccountId, 'role-mappings', 'realm'), [{ id: deployer!.id, name: 'deployer' }]);
    expect((await claims())['realm_access'].roles).toContain('deployer');
    await admin('DELETE', userPath(serviceAccountId, 'role-mappings', 'realm'), [{ id: deployer!.id, name: 'deployer' }]);
    expect((await claims())['realm_access']?.roles ?? []).not.toContain('deployer');
  });

  it('sees group membership changes of the service account at once', async () => {
    const { id: groupId } = await server.kc.groups.create({ name: 'ops' });
    const deployer = await server.kc.roles.findOneByName({ name: 'deployer' });
    await server.kc.groups.addRealmRoleMappings({ id: groupId, roles: [{ id: deployer!.id!, name: 'deployer' }] });
    await claims();
    await admin('PUT', userPath(serviceAccountId, 'groups', groupId));
    expect((await claims())['realm_access'].roles).toContain('deployer');
    await admin('DELETE', userPath(serviceAccountId, 'groups', groupId));
    expect((await claims())['realm_access']?.roles ?? []).not.toContain('deployer');
  });

  it('sees the service account disabled, re-enabled and logged out at once', async () => {
    await claims();
    const current = (await server.call('GET', userPath(serviceAccountId))).json as Record<string, unknown>;
    await admin('PUT', userPath(serviceAccountId), { ...current, enabled: false });
    const refused = await grant();
    expect(refused.status).toBe(401);
    expect(refused.json['error']).toBe('invalid_request');
    await admin('PUT', userPath(serviceAccountId), { ...current, enabled: true });
    expect((await grant()).status).toBe(200);
    await admin('POST', userPath(serviceAccountId, 'logout'));
    const after = await grant();
    expect(after.json['not-before-policy']).toBeGreaterThan(0);
  });

  it('does not bump the configuration for writes to other users', async () => {
    const before = (await fresh()).realm.configVersion;
    const { id } = await server.kc.users.create({ username: 'plain', enabled: true });
    await server.kc.users.update({ id }, { firstName: 'Plain' });
    expect((await fresh()).realm.configVersion).toBe(before);
  });

  it('keeps a loaded service account (without credentials) but never a user not marked as one', async () => {
    const client = (await new ClientsRepository(server.store).load(realmId, clientUuid))!;
    const load = vi.spyOn(UsersRepository.prototype, 'load');
    const directory = new RealmDirectory(await fresh(), server.store);
    const [first, second] = await Promise.all([directory.serviceAccount(client), directory.serviceAccount(client)]);
    expect(second).toBe(first);
    expect(first!.credentials).toEqual([]);
    expect(await directory.serviceAccount(client)).toBe(first);
    expect(load).toHaveBeenCalledOnce();
    // A user the admin writes would not bump for (no serviceAccountClientId) is loaded every time.
    const record = (await server.store.get<UserRecord>(userKey(realmId, serviceAccountId), { consistent: true }))!;
    const { serviceAccountClientId: _marker, ...rep } = record.rep;
    await server.store.put({ ...record, rep });
    try {
      const other = new RealmDirectory(await fresh(), server.store);
      await other.serviceAccount(client);
      await other.serviceAccount(client);
      expect(load).toHaveBeenCalledTimes(3);
    } finally {
      await server.store.put(record);
    }
  });
});
