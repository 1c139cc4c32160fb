import { createPublicKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_REALM_ROLE } from '../../shared/model/builtin/index.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { RealmsRepository } from '../../shared/store/realms.js';
import { UsersRepository } from '../../shared/store/users.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;
const realmPath = (realm: string, tail = '') => `${routePath('admin.realm', { realm })}${tail}`;

async function tokens(realm: string, username: string, password: string) {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
  });
  return (await response.json()) as { access_token: string; refresh_token: string };
}

async function refresh(realm: string, refreshToken: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'admin-cli', refresh_token: refreshToken }),
  });
  return response.status;
}

beforeAll(async () => {
  server = await startAdminServer();
  await server.kc.realms.create({ realm: 'alpha', enabled: true });
});
afterAll(() => server?.close());

describe('realm create, read, update', () => {
  it("creates a realm with Keycloak's defaults and built-ins, and lists it", async () => {
    const realm = await server.kc.realms.findOne({ realm: 'alpha' });
    expect(realm).toMatchObject({ realm: 'alpha', enabled: true, accessTokenLifespan: 300, sslRequired: 'external', defaultRole: { name: 'default-roles-alpha' } });
    const clients = await server.kc.clients.find({ realm: 'alpha' });
    expect(clients.map((client) => client.clientId)).toContain('admin-cli');
    const listed = await server.kc.realms.find();
    expect(listed.map((r) => r.realm)).toEqual(expect.arrayContaining(['master', 'alpha']));
    const duplicate = await server.call('POST', routePath('admin.realms'), { body: { realm: 'alpha' } });
    expect(duplicate).toMatchObject({ status: 409, json: { errorMessage: 'Realm alpha already exists' } });
  });

  it('updates only the fields sent, ignores content, validates, and records an admin event', async () => {
    await server.kc.realms.update({ realm: 'alpha' }, { adminEventsEnabled: true, adminEventsDetailsEnabled: true });
    await server.kc.realms.update({ realm: 'alpha' }, { displayName: 'Alpha', accessTokenLifespan: 600, bruteForceProtected: true, users: [{ username: 'ghost' }] });
    const realm = await server.kc.realms.findOne({ realm: 'alpha' });
    expect(realm).toMatchObject({ displayName: 'Alpha', accessTokenLifespan: 600, bruteForceProtected: true, sslRequired: 'external', adminEventsEnabled: true });
    expect(await new UsersRepository(server.store).idForUsername((await new RealmsRepository(server.store).idForName('alpha'))!, 'ghost')).toBeUndefined();
    const events = await server.kc.realms.findAdminEvents({ realm: 'alpha', resourceTypes: 'REALM', operationTypes: 'UPDATE' });
    expect(events.some((event) => (event.representation ?? '').includes('"displayName":"Alpha"'))).toBe(true);

    const badPolicy = await server.call('PUT', realmPath('alpha'), { body: { passwordPolicy: 'length(abc)' } });
    expect(badPolicy.status).toBe(400);
    expect(badPolicy.json.errorMessage).toMatch(/^Invalid config for length/);
    expect(await server.call('PUT', realmPath('alpha'), { body: { passwordPolicy: 'noSuchPolicy' } })).toMatchObject({ status: 400, json: { errorMessage: 'Password policy not found' } });
    expect(await server.call('PUT', realmPath('alpha'), { body: { accessCodeLifespanLogin: 0, accessCodeLifespanUserAction: 300 } })).toMatchObject({ status: 400 });
    expect(await server.call('PUT', realmPath('alpha'), { body: { enabled: 'yes' } })).toMatchObject({ status: 400 });
    expect(await server.call('PUT', realmPath('master'), { body: { realm: 'boss' } })).toMatchObject({ status: 400, json: { errorMessage: "Can't rename master realm" } });
    expect(await server.call('PUT', realmPath('alpha'), { body: { realm: 'master' } })).toMatchObject({ status: 409, json: { errorMessage: 'Realm with same name exists' } });
    expect((await server.call('PUT', realmPath('nope'), { body: {} })).status).toBe(404);
  });

  it("renames a realm, its master admin client and its consoles' URLs", async () => {
    await server.kc.realms.update({ realm: 'alpha' }, { realm: 'beta' });
    expect((await server.call('GET', realmPath('alpha'))).status).toBe(404);
    expect(await server.kc.realms.findOne({ realm: 'beta' })).toMatchObject({ realm: 'beta', displayName: 'Alpha' });
    const clients = new ClientsRepository(server.store);
    expect(await clients.loadByClientId('master', 'beta-realm')).toBeDefined();
    expect(await clients.loadByClientId('master', 'alpha-realm')).toBeUndefined();
    const realmId = (await new RealmsRepository(server.store).idForName('beta'))!;
    expect((await clients.loadByClientId(realmId, 'account'))!.client.rep.baseUrl).toBe('/realms/beta/account/');
  });
});

describe('realm keys and sessions', () => {
  it('lists the key metadata with the active key per algorithm', async () => {
    const keys = await server.kc.realms.getKeys({ realm: 'beta' });
    expect(Object.keys(keys.active!).sort()).toEqual(['HS512', 'RS256']);
    const rsa = keys.keys!.find((key) => key.algorithm === 'RS256')!;
    expect(rsa).toMatchObject({ providerId: 'rsa-generated', status: 'ACTIVE', type: 'RSA', kid: keys.active!['RS256'] });
    expect(createPublicKey({ key: Buffer.from(rsa.publicKey!, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType).toBe('rsa');
  });

  it('counts client sessions, and logout-all ends them and every token issued before', async () => {
    const realm = (await loadRealmConfig(server.store, (await new RealmsRepository(server.store).idForName('beta'))!))!;
    await createUser(server.store, realm, { username: 'sam', password: 'sam-Password-1' });
    const issued = await tokens('beta', 'sam', 'sam-Password-1');
    const stats = await server.kc.realms.getClientSessionStats({ realm: 'beta' });
    expect(stats).toEqual([expect.objectContaining({ clientId: 'admin-cli', active: '1', offline: '0' })]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await server.kc.realms.logoutAll({ realm: 'beta' })).toEqual({});
    expect(await refresh('beta', issued.refresh_token)).toBe(400);
    expect(await server.kc.realms.getClientSessionStats({ realm: 'beta' })).toEqual([]);
    expect((await server.kc.realms.findOne({ realm: 'beta' }))!.notBefore).toBeGreaterThan(0);
    expect(await server.kc.realms.pushRevocation({ realm: 'beta' })).toEqual({});
    expect((await server.call('DELETE', realmPath('beta', '/sessions/no-such-session'))).status).toBe(404);
  });
});

describe('adapter actions pushed to admin URLs', () => {
  it('pushes the not-before to each admin URL, signed with the realm key, and reports success and failure', async () => {
    const received: { path: string; token: string }[] = [];
    const adapter = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url!, token: body });
        res.statusCode = req.url!.startsWith('/broken') ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => adapter.listen(0, '127.0.0.1', resolve));
    const root = `http://127.0.0.1:${(adapter.address() as AddressInfo).port}`;
    try {
      await server.kc.realms.create({ realm: 'pushed', enabled: true });
      server.kc.setConfig({ realmName: 'pushed' });
      const { id: appId } = await server.kc.clients.create({ clientId: 'app', rootUrl: root, adminUrl: '/app' });
      await server.kc.clients.create({ clientId: 'broken', adminUrl: `${root}/broken` });
      await server.kc.clients.create({ clientId: 'silent' });
      await server.kc.realms.update({ realm: 'pushed' }, { notBefore: 1_700_000_000 });
      server.kc.setConfig({ realmName: 'master' });

      expect(await server.kc.realms.pushRevocation({ realm: 'pushed' })).toEqual({ successRequests: [`${root}/app`], failedRequests: [`${root}/broken`] });
      const pushed = received.find((entry) => entry.path === '/app/k_push_not_before')!;
      const jwks = createLocalJWKSet((await (await fetch(`${server.baseUrl}${routePath('oidc.certs', { realm: 'pushed' })}`)).json()) as JSONWebKeySet);
      const { payload, protectedHeader } = await jwtVerify(pushed.token, jwks);
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload).toMatchObject({ resource: 'app', action: 'PUSH_NOT_BEFORE', notBefore: 1_700_000_000 });
      expect(payload.exp ?? payload['expiration']).toBeGreaterThan(Date.now() / 1000);

      server.kc.setConfig({ realmName: 'pushed' });
      await server.kc.clients.update({ id: appId! }, { notBefore: 1_700_000_100 });
      expect(await server.kc.clients.pushRevocation({ id: appId! })).toEqual({ successRequests: [`${root}/app`] });
      const clientPush = await jwtVerify(received.filter((entry) => entry.path === '/app/k_push_not_before').at(-1)!.token, jwks);
      expect(clientPush.payload).toMatchObject({ resource: 'app', notBefore: 1_700_000_100 });
      expect(await server.kc.clients.testNodesAvailable({ id: appId! })).toEqual({ successRequests: [`${root}/app`] });
      expect(received.at(-1)!.path).toBe('/app/k_test_available');
      // Registered cluster nodes: the admin URL with each node's host.
      await server.kc.clients.addClusterNode({ id: appId!, node: '127.0.0.1' });
      await server.kc.clients.addClusterNode({ id: appId!, node: '127.0.0.2' });
      const port = new URL(root).port;
      expect(await server.kc.clients.testNodesAvailable({ id: appId! })).toEqual({ successRequests: [`http://127.0.0.1:${port}/app`], failedRequests: [`http://127.0.0.2:${port}/app`] });
      expect(Object.keys((await server.kc.clients.findOne({ id: appId! }))!.registeredNodes!).sort()).toEqual(['127.0.0.1', '127.0.0.2']);
      await server.kc.clients.deleteClusterNode({ id: appId!, node: '127.0.0.2' });
      expect(await server.kc.clients.testNodesAvailable({ id: appId! })).toEqual({ successRequests: [`http://127.0.0.1:${port}/app`] });
      const clientPath = `${routePath('admin.clients', { realm: 'pushed' })}/${appId}`;
      expect(await server.call('DELETE', `${clientPath}/nodes/127.0.0.2`)).toMatchObject({ status: 404, json: { error: 'Client does not have node ' } });
      expect(await server.call('POST', `${clientPath}/nodes`, { body: { node: 'a/b' } })).toMatchObject({ status: 400, json: { error: "Character '/' not allowed." } });
      expect(await server.call('POST', `${clientPath}/nodes`, { body: {} })).toMatchObject({ status: 400, json: { error: 'Node not found in params' } });
      await server.kc.clients.deleteClusterNode({ id: appId!, node: '127.0.0.1' });
      server.kc.setConfig({ realmName: 'master' });

      expect(await server.kc.realms.logoutAll({ realm: 'pushed' })).toEqual({ successRequests: [`${root}/app`], failedRequests: [`${root}/broken`] });
      const logout = await jwtVerify(received.find((entry) => entry.path === '/app/k_logout')!.token, jwks);
      expect(logout.payload).toMatchObject({ resource: 'app', action: 'LOGOUT' });
      expect(logout.payload['notBefore']).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
    } finally {
      server.kc.setConfig({ realmName: 'master' });
      await new Promise<void>((resolve) => adapter.close(() => resolve()));
    }
  });
});

describe('partial import and export', () => {
  const rep = {
    users: [{ username: 'pia', enabled: true, realmRoles: ['importer'], groups: ['/imported'] }],
    clients: [{ clientId: 'imported-app', secret: 'imported-secret', serviceAccountsEnabled: true }],
    roles: { realm: [{ name: 'importer', composite: true, composites: { realm: ['offline_access'] } }], client: {} },
    groups: [{ name: 'imported', subGroups: [{ name: 'child' }] }],
  };

  it("imports a client's roles with the client itself, and refuses roles of a client nowhere to be found (412)", async () => {
    const file = {
      clients: [{ clientId: 'fresh-app', publicClient: true }],
      roles: { realm: [{ name: 'fresh-top', composite: true, composites: { client: { 'fresh-app': ['use'] } } }], client: { 'fresh-app': [{ name: 'use' }] } },
      users: [{ username: 'fresh-user', enabled: true, clientRoles: { 'fresh-app': ['use'] } }],
    };
    for (const policy of ['FAIL', 'OVERWRITE'] as const) {
      const result = await server.kc.realms.partialImport({ realm: 'beta', rep: { ...file, ifResourceExists: policy } });
      const action = policy === 'FAIL' ? 'ADDED' : 'OVERWRITTEN';
      expect(result.results.map((r) => `${r.action} ${r.resourceType} ${r.resourceName}`)).toEqual([
        `${action} CLIENT fresh-app`,
        `${action} REALM_ROLE fresh-top`,
        `${action} CLIENT_ROLE fresh-app-->use`,
        `${action} USER fresh-user`,
      ]);
      const [app] = await server.kc.clients.find({ realm: 'beta', clientId: 'fresh-app' });
      const use = await server.kc.clients.findRole({ realm: 'beta', id: app!.id!, roleName: 'use' });
      expect((await server.kc.roles.getCompositeRolesForClient({ realm: 'beta', id: (await server.kc.roles.findOneByName({ realm: 'beta', name: 'fresh-top' }))!.id!, clientId: app!.id! })).map((r) => r.id)).toEqual([use!.id]);
      const [user] = await server.kc.users.find({ realm: 'beta', username: 'fresh-user', exact: true });
      expect((await server.kc.users.listClientRoleMappings({ realm: 'beta', id: user!.id!, clientUniqueId: app!.id! })).map((r) => r.name)).toEqual(['use']);
    }
    const missing = await server.call('POST', realmPath('beta', '/partialImport'), { body: { roles: { client: { 'no-such-app': [{ name: 'x' }] } } } });
    expect(missing).toMatchObject({ status: 412, json: { errorMessage: 'Can not import client roles for nonexistent client named no-such-app' } });
  });

  it('adds, then fails on, skips or overwrites what exists, as Keycloak reports it', async () => {
    const added = await server.kc.realms.partialImport({ realm: 'beta', rep: { ...rep, ifResourceExists: 'FAIL' } });
    expect(added).toMatchObject({ added: 4, skipped: 0, overwritten: 0 });
    expect(added.results.map((result) => `${result.action} ${result.resourceType} ${result.resourceName}`).sort()).toEqual([
      'ADDED CLIENT imported-app',
      'ADDED GROUP imported',
      'ADDED REALM_ROLE importer',
      'ADDED USER pia',
    ]);
    const failed = await server.call('POST', realmPath('beta', '/partialImport'), { body: { ...rep, ifResourceExists: 'FAIL' } });
    expect(failed).toMatchObject({ status: 409, json: { errorMessage: "Client id 'imported-app' already exists" } });
    const skipped = await server.kc.realms.partialImport({ realm: 'beta', rep: { ...rep, ifResourceExists: 'SKIP' } });
    expect(skipped).toMatchObject({ added: 0, skipped: 4, overwritten: 0 });
    const overwritten = await server.kc.realms.partialImport({ realm: 'beta', rep: { ...rep, ifResourceExists: 'OVERWRITE' } });
    expect(overwritten).toMatchObject({ added: 0, skipped: 0, overwritten: 4 });
    const realmId = (await new RealmsRepository(server.store).idForName('beta'))!;
    const pia = (await new UsersRepository(server.store).load(realmId, (await new UsersRepository(server.store).idForUsername(realmId, 'pia'))!))!;
    expect(pia.groupIds).toHaveLength(1);
    expect(pia.roleMappings).toHaveLength(1);
    expect((await server.call('POST', realmPath('beta', '/partialImport'), { body: { ifResourceExists: 'MAYBE' } })).status).toBe(400);
  });

  it('exports the realm with clients (secrets masked), groups and roles, and no users but service accounts', async () => {
    const exported = (await server.kc.realms.export({ realm: 'beta', exportClients: true, exportGroupsAndRoles: true })) as Record<string, any>;
    expect(exported['realm']).toBe('beta');
    expect(exported['clients'].find((client: { clientId: string }) => client.clientId === 'imported-app').secret).toBe('**********');
    expect(exported['roles'].realm.map((role: { name: string }) => role.name)).toContain('importer');
    expect(exported['groups'].map((group: { path: string }) => group.path)).toContain('/imported');
    expect(exported['users'].map((user: { username: string }) => user.username)).toEqual(['service-account-imported-app']);
    const bare = (await server.kc.realms.export({ realm: 'beta' })) as Record<string, any>;
    expect(bare).not.toHaveProperty('clients');
    expect(bare).not.toHaveProperty('roles');
    expect(bare).not.toHaveProperty('users');
    expect(bare['clientScopes'].length).toBeGreaterThan(5);
  });
});

describe('permissions and deletion', () => {
  it('refuses callers without the rights (403) and unknown realms (404)', async () => {
    const master = (await loadRealmConfig(server.store, 'master'))!;
    await createUser(server.store, master, { username: 'plain', password: 'plain-Password-1' });
    const plain = (await tokens('master', 'plain', 'plain-Password-1')).access_token;
    expect((await server.call('POST', routePath('admin.realms'), { body: { realm: 'nope' }, token: plain })).status).toBe(403);
    expect((await server.call('PUT', realmPath('beta'), { body: {}, token: plain })).status).toBe(403);
    expect((await server.call('DELETE', realmPath('beta'), { token: plain })).status).toBe(403);
    expect((await server.call('POST', realmPath('beta', '/partialImport'), { body: {}, token: plain })).status).toBe(403);
    expect((await server.call('POST', realmPath('beta', '/logout-all'), { token: plain })).status).toBe(403);
    expect((await server.call('GET', realmPath('beta', '/keys'), { token: plain })).status).toBe(403);
    expect((await server.call('GET', realmPath('nope', '/keys'))).status).toBe(404);
    expect((await server.call('DELETE', realmPath('nope'))).status).toBe(404);
  });

  it('lets a create-realm user manage the realm they created', async () => {
    const master = (await loadRealmConfig(server.store, 'master'))!;
    const createRealm = master.realmRoles.find((role) => role.rep.name === CREATE_REALM_ROLE)!;
    await createUser(server.store, master, { username: 'creator', password: 'creator-Password-1', roles: [{ roleId: createRealm.rep.id }] });
    const token = (await tokens('master', 'creator', 'creator-Password-1')).access_token;
    expect((await server.call('POST', routePath('admin.realms'), { body: { realm: 'gamma', enabled: true }, token })).status).toBe(201);
    expect((await server.call('GET', realmPath('gamma'), { token })).json).toMatchObject({ realm: 'gamma', accessTokenLifespan: 300 });
    expect((await server.call('GET', realmPath('beta'), { token })).status).toBe(403);
    expect((await server.call('DELETE', realmPath('gamma'), { token })).status).toBe(204);
  });

  it("deletes a realm with everything under it and master's admin client; master stays", async () => {
    const realmId = (await new RealmsRepository(server.store).idForName('beta'))!;
    await server.kc.realms.del({ realm: 'beta' });
    expect((await server.call('GET', realmPath('beta'))).status).toBe(404);
    expect(await new ClientsRepository(server.store).loadByClientId('master', 'beta-realm')).toBeUndefined();
    expect(await loadRealmConfig(server.store, realmId)).toBeUndefined();
    expect(await new UsersRepository(server.store).idForUsername(realmId, 'sam')).toBeUndefined();
    const admin = (await loadRealmConfig(server.store, 'master'))!.realmRoles.find((role) => role.rep.name === 'admin')!;
    const masterClients = await server.kc.clients.find({ realm: 'master' });
    const uuids = new Set(masterClients.map((client) => client.id));
    expect(admin.composites.every((ref) => !ref.clientUuid || uuids.has(ref.clientUuid))).toBe(true);
    expect(await server.call('DELETE', realmPath('master'))).toMatchObject({ status: 400, json: { errorMessage: "Can't remove master realm" } });
  });
});
