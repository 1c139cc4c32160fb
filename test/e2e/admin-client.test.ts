import KcAdminClient from '@keycloak/keycloak-admin-client';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { routePath } from '../../shared/routes.js';
import { spawnRuntime, type SpawnedRuntime } from '../support/spawn-runtime.js';
import { freshTable } from '../support/tables.js';

/**
 * The Done-when of issue 4: Keycloak's own `@keycloak/keycloak-admin-client`, unchanged, drives every
 * admin resource against `npm start` (bin/serve.ts as a child process on a random port, a fresh
 * table). One realm per describe; every assertion is on what the client gets back.
 */
const ROOT = { username: 'root', password: 'e2e-Root-pass1' };
let runtime: SpawnedRuntime;
let kc: KcAdminClient;

beforeAll(async () => {
  const { tableName } = await freshTable();
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-admin-'));
  runtime = await spawnRuntime({
    GATEHOUSE_PORT: '0',
    GATEHOUSE_SES_PORT: '0',
    GATEHOUSE_DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
    GATEHOUSE_TABLE: tableName,
    GATEHOUSE_DATA_DIR: dataDir,
    // Nothing here reads deliveries: no stream, no pipeline (bin/local/table-setup.ts says why).
    GATEHOUSE_LOCAL_EVENTS: '0',
    KC_BOOTSTRAP_ADMIN_USERNAME: ROOT.username,
    KC_BOOTSTRAP_ADMIN_PASSWORD: ROOT.password,
  });
  kc = new KcAdminClient({ baseUrl: runtime.baseUrl, realmName: 'master' });
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
});

/** A fresh admin token from master's admin-cli (tokens live a minute), then the realm to work in. */
async function useRealm(realm: string): Promise<void> {
  kc.setConfig({ realmName: 'master' });
  await kc.auth({ ...ROOT, grantType: 'password', clientId: 'admin-cli' });
  kc.setConfig({ realmName: realm });
}

/** A password grant in a realm: the status and the JSON answer. */
async function login(realm: string, clientId: string, username: string, password: string, secret?: string) {
  const response = await fetch(`${runtime.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid', ...(secret ? { client_secret: secret } : {}) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

/** The status of a failed kc call (the client throws a NetworkError carrying the response). */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    return (error as { response?: { status: number } }).response?.status ?? -1;
  }
}

// Realm creation and deletion run up to admin/realms' 29 s function timeout on a busy 2-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe('realms', () => {
  const REALM = 'e2e-realms';

  beforeAll(() => useRealm('master'));

  it('creates a realm from a full representation and reads it back', async () => {
    const created = await kc.realms.create({
      realm: REALM,
      enabled: true,
      displayName: 'E2E realms',
      accessTokenLifespan: 600,
      roles: {
        realm: [
          { name: 'reader', description: 'reads' },
          { name: 'editor', composite: true, composites: { realm: ['reader'], client: { portal: ['viewer'] } } },
        ],
        client: { portal: [{ name: 'viewer' }] },
      },
      clients: [{ clientId: 'portal', publicClient: true, redirectUris: ['https://portal.example/*'], protocolMappers: [{ name: 'dept', protocol: 'openid-connect', protocolMapper: 'oidc-usermodel-attribute-mapper', config: { 'user.attribute': 'dept', 'claim.name': 'dept', 'jsonType.label': 'String', 'access.token.claim': 'true' } }] }],
      groups: [{ name: 'staff', realmRoles: ['reader'], subGroups: [{ name: 'engineering', clientRoles: { portal: ['viewer'] } }] }],
      clientScopes: [{ name: 'billing', protocol: 'openid-connect', attributes: { 'include.in.token.scope': 'true' } }],
      users: [{ username: 'ann', enabled: true, email: 'ann@example.com', credentials: [{ type: 'password', value: 'Ann-pass-1', temporary: false }], realmRoles: ['editor'], groups: ['/staff/engineering'] }],
      defaultGroups: ['/staff'],
      authenticationFlows: [
        { alias: 'cookie-only', description: 'SSO cookie or nothing', providerId: 'basic-flow', topLevel: true, builtIn: false, authenticationExecutions: [{ authenticator: 'auth-cookie', requirement: 'ALTERNATIVE', priority: 10, authenticatorFlow: false, userSetupAllowed: false }] },
      ],
      // Keycloak's ComponentExportRepresentation lists by provider type (the client's typing says otherwise).
      components: { 'org.keycloak.keys.KeyProvider': [{ name: 'extra-hmac', providerId: 'hmac-generated', subComponents: {}, config: { priority: ['50'], algorithm: ['HS384'] } }] } as never,
    });
    expect(created).toEqual({ realmName: REALM });

    const realm = await kc.realms.findOne({ realm: REALM });
    expect(realm).toMatchObject({ realm: REALM, enabled: true, displayName: 'E2E realms', accessTokenLifespan: 600, sslRequired: 'external', defaultSignatureAlgorithm: 'RS256' });
    expect(realm!.id).toBeTruthy();
    expect((await kc.realms.find()).map((r) => r.realm)).toEqual(expect.arrayContaining(['master', REALM]));
    expect((await kc.realms.find({ briefRepresentation: true })).find((r) => r.realm === REALM)).toMatchObject({ realm: REALM, enabled: true });

    expect((await kc.roles.findOneByName({ realm: REALM, name: 'editor' }))).toMatchObject({ name: 'editor', composite: true });
    expect((await kc.clients.find({ realm: REALM, clientId: 'portal' }))[0]).toMatchObject({ clientId: 'portal', publicClient: true, protocolMappers: [expect.objectContaining({ name: 'dept' })] });
    expect(await kc.realms.getGroupByPath({ realm: REALM, path: 'staff/engineering' })).toMatchObject({ name: 'engineering', path: '/staff/engineering', clientRoles: { portal: ['viewer'] } });
    expect((await kc.realms.getDefaultGroups({ realm: REALM })).map((g) => g.path)).toEqual(['/staff']);
    expect(await login(REALM, 'admin-cli', 'ann', 'Ann-pass-1')).toMatchObject({ status: 200 });
    expect(await statusOf(kc.realms.create({ realm: REALM }))).toBe(409);
  });

  it('updates the realm and manages its default groups', async () => {
    await kc.realms.update({ realm: REALM }, { displayName: 'Renamed', registrationAllowed: true, ssoSessionIdleTimeout: 900 });
    expect(await kc.realms.findOne({ realm: REALM })).toMatchObject({ displayName: 'Renamed', registrationAllowed: true, ssoSessionIdleTimeout: 900, accessTokenLifespan: 600 });

    const engineering = await kc.realms.getGroupByPath({ realm: REALM, path: 'staff/engineering' });
    await kc.realms.addDefaultGroup({ realm: REALM, id: engineering!.id! });
    expect((await kc.realms.getDefaultGroups({ realm: REALM })).map((g) => g.path).sort()).toEqual(['/staff', '/staff/engineering']);
    await kc.realms.removeDefaultGroup({ realm: REALM, id: engineering!.id! });
    expect((await kc.realms.getDefaultGroups({ realm: REALM })).map((g) => g.path)).toEqual(['/staff']);
  });

  it('lists key metadata, client-session stats, and logs everyone out', async () => {
    const keys = await kc.realms.getKeys({ realm: REALM });
    expect(keys.active!['RS256']).toBeTruthy();
    expect(keys.keys!.find((key) => key.kid === keys.active!['RS256'])).toMatchObject({ algorithm: 'RS256', type: 'RSA', status: 'ACTIVE', use: 'SIG', publicKey: expect.any(String) });
    // The key provider component the realm file named.
    expect(keys.active!['HS384']).toBeTruthy();
    expect(keys.keys!.find((key) => key.algorithm === 'HS384')).toMatchObject({ providerPriority: 50, type: 'OCT', status: 'ACTIVE' });

    const ann = await login(REALM, 'admin-cli', 'ann', 'Ann-pass-1');
    const stats = await kc.realms.getClientSessionStats({ realm: REALM });
    expect(stats.find((entry) => entry.clientId === 'admin-cli')).toMatchObject({ active: expect.any(String), offline: '0' });
    expect(await kc.realms.logoutAll({ realm: REALM })).toEqual({});
    expect(await kc.realms.pushRevocation({ realm: REALM })).toEqual({});
    expect(await kc.realms.getClientSessionStats({ realm: REALM })).toEqual([]);
    const refresh = await fetch(`${runtime.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'admin-cli', refresh_token: ann.json['refresh_token'] }),
    });
    expect(refresh.status).toBe(400);
  });

  it('partially imports with FAIL, SKIP and OVERWRITE, and partially exports', async () => {
    const rep = {
      users: [{ username: 'bob', enabled: true, email: 'bob@example.com' }],
      groups: [{ name: 'contractors' }],
      roles: { realm: [{ name: 'auditor' }] },
      clients: [{ clientId: 'batch', publicClient: false, secret: 'batch-secret' }],
    };
    const first = await kc.realms.partialImport({ realm: REALM, rep: { ...rep, ifResourceExists: 'FAIL' } });
    expect(first).toMatchObject({ added: 4, skipped: 0, overwritten: 0 });
    expect(first.results.map((r: { resourceType: string; resourceName: string; action: string }) => `${r.action} ${r.resourceType} ${r.resourceName}`).sort()).toEqual([
      'ADDED CLIENT batch',
      'ADDED GROUP contractors',
      'ADDED REALM_ROLE auditor',
      'ADDED USER bob',
    ]);
    expect(await statusOf(kc.realms.partialImport({ realm: REALM, rep: { ...rep, ifResourceExists: 'FAIL' } }))).toBe(409);
    expect(await kc.realms.partialImport({ realm: REALM, rep: { ...rep, ifResourceExists: 'SKIP' } })).toMatchObject({ added: 0, skipped: 4, overwritten: 0 });
    const overwritten = await kc.realms.partialImport({ realm: REALM, rep: { users: [{ username: 'bob', enabled: true, firstName: 'Bob' }], ifResourceExists: 'OVERWRITE' } });
    expect(overwritten).toMatchObject({ added: 0, skipped: 0, overwritten: 1, results: [expect.objectContaining({ action: 'OVERWRITTEN', resourceType: 'USER', resourceName: 'bob', id: expect.any(String) })] });
    expect((await kc.users.find({ realm: REALM, username: 'bob', exact: true }))[0]).toMatchObject({ firstName: 'Bob' });

    const bare = await kc.realms.export({ realm: REALM });
    expect(bare).toMatchObject({ realm: REALM });
    expect(bare.clients).toBeUndefined();
    expect(bare.groups).toBeUndefined();
    const full = await kc.realms.export({ realm: REALM, exportClients: true, exportGroupsAndRoles: true });
    expect(full.clients!.find((c) => c.clientId === 'batch')).toMatchObject({ clientId: 'batch', secret: '**********' });
    expect(full.groups!.map((g) => g.name).sort()).toEqual(['contractors', 'staff']);
    expect(full.roles!.realm!.map((r) => r.name)).toEqual(expect.arrayContaining(['reader', 'editor', 'auditor']));
    expect(full.users).toBeUndefined();
    expect(full.authenticationFlows!.find((flow) => flow.alias === 'cookie-only')).toMatchObject({ providerId: 'basic-flow', topLevel: true, authenticationExecutions: [expect.objectContaining({ authenticator: 'auth-cookie', requirement: 'ALTERNATIVE' })] });
  });

  it('deletes the realm', async () => {
    await kc.realms.del({ realm: REALM });
    expect(await kc.realms.findOne({ realm: REALM })).toBeNull();
    expect(await statusOf(kc.realms.del({ realm: 'master' }))).toBe(400);
  });
});

describe('users', () => {
  const REALM = 'e2e-users';

  beforeAll(async () => {
    await useRealm('master');
    await kc.realms.create({ realm: REALM, enabled: true, roles: { realm: [{ name: 'member' }, { name: 'vip', composite: true, composites: { realm: ['member'] } }] } });
    kc.setConfig({ realmName: REALM });
  });

  it('creates, reads, searches, pages, counts and updates users', async () => {
    const { id } = await kc.users.create({ username: 'Carol', email: 'Carol@Example.com', firstName: 'Carol', lastName: 'Jones', enabled: true, attributes: { dept: ['sales'] } });
    for (const name of ['dave', 'erin', 'frank']) await kc.users.create({ username: name, email: `${name}@example.com`, enabled: true });
    expect(await kc.users.findOne({ id })).toMatchObject({ id, username: 'carol', email: 'carol@example.com', firstName: 'Carol', lastName: 'Jones', enabled: true, emailVerified: false, attributes: { dept: ['sales'] }, createdTimestamp: expect.any(Number) });
    expect(await statusOf(kc.users.create({ username: 'carol' }))).toBe(409);

    expect((await kc.users.find({ search: 'car' })).map((u) => u.username)).toEqual(['carol']);
    expect((await kc.users.find({ username: 'dave', exact: true })).map((u) => u.username)).toEqual(['dave']);
    expect((await kc.users.find({ email: 'erin@example.com' })).map((u) => u.username)).toEqual(['erin']);
    expect((await kc.users.find({ q: 'dept:sales' })).map((u) => u.username)).toEqual(['carol']);
    expect((await kc.users.find({ first: 1, max: 2 })).map((u) => u.username)).toEqual(['dave', 'erin']);
    expect((await kc.users.find({ briefRepresentation: true, username: 'carol', exact: true }))[0]!.attributes).toBeUndefined();
    expect(await kc.users.count()).toBe(4);
    // Keycloak 22+: a search is a prefix unless it says *infix* or "exact".
    expect(await kc.users.count({ search: 'e' })).toBe(1);
    expect(await kc.users.count({ search: '*example*' })).toBe(4);

    await kc.users.update({ id }, { firstName: 'Caroline', emailVerified: true });
    expect(await kc.users.findOne({ id })).toMatchObject({ firstName: 'Caroline', emailVerified: true, lastName: 'Jones' });
  });

  it('sets passwords and manages credentials', async () => {
    const [carol] = await kc.users.find({ username: 'carol', exact: true });
    await kc.users.resetPassword({ id: carol!.id!, credential: { type: 'password', value: 'Carol-pass-1', temporary: false } });
    expect(await login(REALM, 'admin-cli', 'carol', 'Carol-pass-1')).toMatchObject({ status: 200 });
    const [credential] = await kc.users.getCredentials({ id: carol!.id! });
    expect(credential).toMatchObject({ type: 'password', createdDate: expect.any(Number) });
    expect(credential!.value).toBeUndefined();
    await kc.users.updateCredentialLabel({ id: carol!.id!, credentialId: credential!.id! }, 'laptop');
    expect((await kc.users.getCredentials({ id: carol!.id! }))[0]).toMatchObject({ userLabel: 'laptop' });

    const sessions = await kc.users.listSessions({ id: carol!.id! });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ userId: carol!.id!, username: 'carol', clients: expect.any(Object) });
    expect(await kc.users.listOfflineSessions({ id: carol!.id!, clientId: (await kc.clients.find({ clientId: 'admin-cli' }))[0]!.id! })).toEqual([]);
    await kc.users.logout({ id: carol!.id! });
    expect(await kc.users.listSessions({ id: carol!.id! })).toEqual([]);
    expect(await kc.users.listConsents({ id: carol!.id! })).toEqual([]);
    expect(await kc.users.listFederatedIdentities({ id: carol!.id! })).toEqual([]);

    await kc.users.deleteCredential({ id: carol!.id!, credentialId: credential!.id! });
    expect(await kc.users.getCredentials({ id: carol!.id! })).toEqual([]);
    expect(await login(REALM, 'admin-cli', 'carol', 'Carol-pass-1')).toMatchObject({ status: 401 });
  });

  it('maps realm and client roles: assigned, available, composite', async () => {
    const [dave] = await kc.users.find({ username: 'dave', exact: true });
    const vip = await kc.roles.findOneByName({ name: 'vip' });
    await kc.users.addRealmRoleMappings({ id: dave!.id!, roles: [{ id: vip!.id!, name: 'vip' }] });
    expect((await kc.users.listRealmRoleMappings({ id: dave!.id! })).map((r) => r.name).sort()).toEqual(['default-roles-e2e-users', 'vip']);
    expect((await kc.users.listCompositeRealmRoleMappings({ id: dave!.id! })).map((r) => r.name)).toEqual(expect.arrayContaining(['vip', 'member', 'offline_access', 'uma_authorization']));
    const available = (await kc.users.listAvailableRealmRoleMappings({ id: dave!.id! })).map((r) => r.name);
    expect(available).toContain('member');
    expect(available).not.toContain('vip');

    const { id: appId } = await kc.clients.create({ clientId: 'store' });
    await kc.clients.createRole({ id: appId, name: 'buyer' });
    const buyer = await kc.clients.findRole({ id: appId, roleName: 'buyer' });
    expect((await kc.users.listAvailableClientRoleMappings({ id: dave!.id!, clientUniqueId: appId })).map((r) => r.name)).toEqual(['buyer']);
    await kc.users.addClientRoleMappings({ id: dave!.id!, clientUniqueId: appId, roles: [{ id: buyer!.id!, name: 'buyer' }] });
    expect((await kc.users.listClientRoleMappings({ id: dave!.id!, clientUniqueId: appId })).map((r) => r.name)).toEqual(['buyer']);
    expect((await kc.users.listCompositeClientRoleMappings({ id: dave!.id!, clientUniqueId: appId })).map((r) => r.name)).toEqual(['buyer']);
    const all = await kc.users.listRoleMappings({ id: dave!.id! });
    expect(all.clientMappings!['store']).toMatchObject({ client: 'store', id: appId, mappings: [expect.objectContaining({ name: 'buyer' })] });
    await kc.users.delClientRoleMappings({ id: dave!.id!, clientUniqueId: appId, roles: [{ id: buyer!.id!, name: 'buyer' }] });
    await kc.users.delRealmRoleMappings({ id: dave!.id!, roles: [{ id: vip!.id!, name: 'vip' }] });
    expect(await kc.users.listClientRoleMappings({ id: dave!.id!, clientUniqueId: appId })).toEqual([]);
    expect((await kc.users.listRealmRoleMappings({ id: dave!.id! })).map((r) => r.name)).toEqual(['default-roles-e2e-users']);
  });

  it('joins and leaves groups, sends required actions by mail, and deletes', async () => {
    const [erin] = await kc.users.find({ username: 'erin', exact: true });
    const { id: groupId } = await kc.groups.create({ name: 'club' });
    await kc.users.addToGroup({ id: erin!.id!, groupId });
    expect((await kc.users.listGroups({ id: erin!.id! })).map((g) => g.path)).toEqual(['/club']);
    expect(await kc.users.countGroups({ id: erin!.id! })).toEqual({ count: 1 });
    await kc.users.delFromGroup({ id: erin!.id!, groupId });
    expect(await kc.users.listGroups({ id: erin!.id! })).toEqual([]);

    await kc.users.executeActionsEmail({ id: erin!.id!, actions: ['UPDATE_PASSWORD'], lifespan: 600 });
    const impersonated = await kc.users.impersonation({ id: erin!.id! }, { user: erin!.id!, realm: REALM });
    expect(impersonated).toMatchObject({ sameRealm: false, redirect: expect.stringContaining(`/realms/${REALM}/account`) });
    expect((await kc.users.listSessions({ id: erin!.id! })).map((s) => s.username)).toEqual(['erin']);
    await kc.users.del({ id: erin!.id! });
    expect(await kc.users.findOne({ id: erin!.id! })).toBeNull();
    expect(await kc.users.count()).toBe(3);
  });
});

describe('groups', () => {
  const REALM = 'e2e-groups';

  beforeAll(async () => {
    await useRealm('master');
    await kc.realms.create({ realm: REALM, enabled: true, roles: { realm: [{ name: 'lead' }] } });
    kc.setConfig({ realmName: REALM });
  });

  it('creates, lists with search and paging, counts, updates and deletes groups and children', async () => {
    const ids: Record<string, string> = {};
    for (const name of ['alpha', 'beta', 'gamma']) ids[name] = (await kc.groups.create({ name, attributes: { tier: [name] } })).id;
    expect(await statusOf(kc.groups.create({ name: 'alpha' }))).toBe(409);
    expect((await kc.groups.find()).map((g) => g.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect((await kc.groups.find({ first: 1, max: 1 })).map((g) => g.name)).toEqual(['beta']);
    expect((await kc.groups.find({ search: 'amm' })).map((g) => g.name)).toEqual(['gamma']);
    expect((await kc.groups.find({ briefRepresentation: false }))[0]).toMatchObject({ name: 'alpha', attributes: { tier: ['alpha'] } });
    expect(await kc.groups.count()).toEqual({ count: 3 });

    for (const name of ['one', 'two', 'three']) await kc.groups.createChildGroup({ id: ids['alpha']! }, { name });
    expect((await kc.groups.listSubGroups({ parentId: ids['alpha']!, first: 0, max: 2 })).map((g) => g.name)).toEqual(['one', 'three']);
    expect(await kc.groups.findOne({ id: ids['alpha']! })).toMatchObject({ name: 'alpha', path: '/alpha', subGroupCount: 3 });
    expect(await kc.realms.getGroupByPath({ realm: REALM, path: 'alpha/two' })).toMatchObject({ name: 'two', path: '/alpha/two', parentId: ids['alpha'] });

    await kc.groups.update({ id: ids['beta']! }, { name: 'beta-renamed', attributes: { tier: ['b'] } });
    expect(await kc.groups.findOne({ id: ids['beta']! })).toMatchObject({ name: 'beta-renamed', path: '/beta-renamed', attributes: { tier: ['b'] } });
    await kc.groups.del({ id: ids['gamma']! });
    expect(await kc.groups.findOne({ id: ids['gamma']! })).toBeNull();
    // GroupsResource.getGroupCount counts subgroups too unless top=true.
    expect(await kc.groups.count()).toEqual({ count: 5 });
    expect(await kc.groups.count({ top: true })).toEqual({ count: 2 });
  });

  it('lists members and maps realm and client roles', async () => {
    const [alpha] = await kc.groups.find({ search: 'alpha', exact: true });
    const { id: userId } = await kc.users.create({ username: 'gina', enabled: true });
    await kc.users.addToGroup({ id: userId, groupId: alpha!.id! });
    expect((await kc.groups.listMembers({ id: alpha!.id! })).map((u) => u.username)).toEqual(['gina']);

    const lead = await kc.roles.findOneByName({ name: 'lead' });
    await kc.groups.addRealmRoleMappings({ id: alpha!.id!, roles: [{ id: lead!.id!, name: 'lead' }] });
    expect((await kc.groups.listRealmRoleMappings({ id: alpha!.id! })).map((r) => r.name)).toEqual(['lead']);
    expect((await kc.groups.listCompositeRealmRoleMappings({ id: alpha!.id! })).map((r) => r.name)).toEqual(['lead']);
    expect((await kc.groups.listAvailableRealmRoleMappings({ id: alpha!.id! })).map((r) => r.name)).not.toContain('lead');
    expect((await kc.users.listCompositeRealmRoleMappings({ id: userId })).map((r) => r.name)).toContain('lead');

    const { id: appId } = await kc.clients.create({ clientId: 'wiki' });
    await kc.clients.createRole({ id: appId, name: 'editor' });
    const editor = await kc.clients.findRole({ id: appId, roleName: 'editor' });
    await kc.groups.addClientRoleMappings({ id: alpha!.id!, clientUniqueId: appId, roles: [{ id: editor!.id!, name: 'editor' }] });
    expect((await kc.groups.listClientRoleMappings({ id: alpha!.id!, clientUniqueId: appId })).map((r) => r.name)).toEqual(['editor']);
    expect(await kc.groups.listAvailableClientRoleMappings({ id: alpha!.id!, clientUniqueId: appId })).toEqual([]);
    expect((await kc.groups.listRoleMappings({ id: alpha!.id! })).clientMappings!['wiki']!.mappings!.map((r: { name?: string }) => r.name)).toEqual(['editor']);
    await kc.groups.delClientRoleMappings({ id: alpha!.id!, clientUniqueId: appId, roles: [{ id: editor!.id!, name: 'editor' }] });
    await kc.groups.delRealmRoleMappings({ id: alpha!.id!, roles: [{ id: lead!.id!, name: 'lead' }] });
    expect(await kc.groups.listRoleMappings({ id: alpha!.id! })).toEqual({});
  });
});

describe('roles', () => {
  const REALM = 'e2e-roles';

  beforeAll(async () => {
    await useRealm('master');
    await kc.realms.create({ realm: REALM, enabled: true });
    kc.setConfig({ realmName: REALM });
  });

  it('creates, reads, updates and deletes realm roles by name and by id', async () => {
    expect(await kc.roles.create({ name: 'author', description: 'writes', attributes: { level: ['2'] } })).toEqual({ roleName: 'author' });
    expect(await statusOf(kc.roles.create({ name: 'author' }))).toBe(409);
    const author = await kc.roles.findOneByName({ name: 'author' });
    expect(author).toMatchObject({ name: 'author', description: 'writes', composite: false, clientRole: false, attributes: { level: ['2'] } });
    expect((await kc.roles.find()).map((r) => r.name)).toEqual(expect.arrayContaining(['author', 'offline_access', 'uma_authorization', 'default-roles-e2e-roles']));
    // Role search is an infix match on the name.
    expect((await kc.roles.find({ search: 'auth', first: 0, max: 5 } as never)).map((r: { name?: string }) => r.name)).toEqual(['author', 'uma_authorization']);
    await kc.roles.updateByName({ name: 'author' }, { name: 'author', description: 'writes a lot' });
    expect(await kc.roles.findOneById({ id: author!.id! })).toMatchObject({ name: 'author', description: 'writes a lot' });
    await kc.roles.updateById({ id: author!.id! }, { name: 'writer', description: 'renamed' });
    expect(await kc.roles.findOneByName({ name: 'writer' })).toMatchObject({ id: author!.id, description: 'renamed' });
    await kc.roles.delById({ id: author!.id! });
    expect(await kc.roles.findOneByName({ name: 'writer' })).toBeNull();
  });

  it('builds composites of realm and client roles and lists their holders', async () => {
    await kc.roles.create({ name: 'boss' });
    await kc.roles.create({ name: 'worker' });
    const boss = await kc.roles.findOneByName({ name: 'boss' });
    const worker = await kc.roles.findOneByName({ name: 'worker' });
    const { id: appId } = await kc.clients.create({ clientId: 'erp' });
    await kc.clients.createRole({ id: appId, name: 'approve', description: 'approves' });
    const approve = await kc.clients.findRole({ id: appId, roleName: 'approve' });
    expect(approve).toMatchObject({ name: 'approve', clientRole: true, containerId: appId, description: 'approves' });
    expect((await kc.clients.listRoles({ id: appId })).map((r) => r.name)).toEqual(['approve']);
    await kc.clients.updateRole({ id: appId, roleName: 'approve' }, { name: 'approve', description: 'signs off' });

    await kc.roles.createComposite({ roleId: boss!.id! }, [worker!, approve!]);
    expect(await kc.roles.findOneByName({ name: 'boss' })).toMatchObject({ composite: true });
    expect((await kc.roles.getCompositeRoles({ id: boss!.id! })).map((r) => r.name).sort()).toEqual(['approve', 'worker']);
    expect((await kc.roles.getCompositeRolesForRealm({ id: boss!.id! })).map((r) => r.name)).toEqual(['worker']);
    expect((await kc.roles.getCompositeRolesForClient({ id: boss!.id!, clientId: appId })).map((r) => r.name)).toEqual(['approve']);

    const { id: userId } = await kc.users.create({ username: 'hank', enabled: true });
    await kc.users.addRealmRoleMappings({ id: userId, roles: [{ id: boss!.id!, name: 'boss' }] });
    await kc.users.addClientRoleMappings({ id: userId, clientUniqueId: appId, roles: [{ id: approve!.id!, name: 'approve' }] });
    expect((await kc.roles.findUsersWithRole({ name: 'boss' })).map((u) => u.username)).toEqual(['hank']);
    expect((await kc.clients.findUsersWithRole({ id: appId, roleName: 'approve' })).map((u) => u.username)).toEqual(['hank']);
    expect((await kc.users.listCompositeClientRoleMappings({ id: userId, clientUniqueId: appId })).map((r) => r.name)).toEqual(['approve']);

    await kc.roles.delCompositeRoles({ id: boss!.id! }, [worker!]);
    expect((await kc.roles.getCompositeRoles({ id: boss!.id! })).map((r) => r.name)).toEqual(['approve']);
    await kc.clients.delRole({ id: appId, roleName: 'approve' });
    expect(await kc.roles.findOneByName({ name: 'boss' })).toMatchObject({ composite: false });
    await kc.roles.delByName({ name: 'worker' });
    expect(await kc.roles.findOneByName({ name: 'worker' })).toBeNull();
  });
});

describe('clients', () => {
  const REALM = 'e2e-clients';
  let shopId: string;
  let userId: string;
  let secret: string;

  beforeAll(async () => {
    await useRealm('master');
    await kc.realms.create({ realm: REALM, enabled: true, roles: { realm: [{ name: 'customer' }, { name: 'staff' }] } });
    kc.setConfig({ realmName: REALM });
    userId = (await kc.users.create({ username: 'ivy', enabled: true, email: 'ivy@example.com', firstName: 'Ivy', credentials: [{ type: 'password', value: 'Ivy-pass-1', temporary: false }] })).id;
  });

  it("creates with Keycloak's defaults, finds by clientId, pages, updates and manages the secret", async () => {
    shopId = (await kc.clients.create({ clientId: 'shop', directAccessGrantsEnabled: true, serviceAccountsEnabled: true, redirectUris: ['https://shop.example/*'] })).id;
    expect(await statusOf(kc.clients.create({ clientId: 'shop' }))).toBe(409);
    const shop = await kc.clients.findOne({ id: shopId });
    expect(shop).toMatchObject({ id: shopId, clientId: 'shop', enabled: true, publicClient: false, protocol: 'openid-connect', clientAuthenticatorType: 'client-secret', standardFlowEnabled: true, fullScopeAllowed: true, defaultClientScopes: expect.arrayContaining(['profile', 'email', 'roles', 'web-origins']), optionalClientScopes: expect.arrayContaining(['offline_access', 'address', 'phone']) });
    expect((await kc.clients.find({ clientId: 'shop' })).map((c) => c.id)).toEqual([shopId]);
    expect((await kc.clients.find({ clientId: 'sho', search: true })).map((c) => c.clientId)).toEqual(['shop']);
    const all = (await kc.clients.find()).map((c) => c.clientId);
    expect(all).toEqual(expect.arrayContaining(['account', 'admin-cli', 'broker', 'realm-management', 'security-admin-console', 'shop']));
    expect((await kc.clients.find({ first: 1, max: 2 })).map((c) => c.clientId)).toEqual(all.slice(1, 3));

    await kc.clients.update({ id: shopId }, { clientId: 'shop', description: 'the shop', attributes: { 'pkce.code.challenge.method': 'S256' } });
    expect(await kc.clients.findOne({ id: shopId })).toMatchObject({ description: 'the shop', attributes: expect.objectContaining({ 'pkce.code.challenge.method': 'S256' }), redirectUris: ['https://shop.example/*'] });

    const first = await kc.clients.getClientSecret({ id: shopId });
    expect(first).toMatchObject({ type: 'secret', value: expect.any(String) });
    const regenerated = await kc.clients.generateNewClientSecret({ id: shopId });
    expect(regenerated.value).not.toBe(first.value);
    secret = regenerated.value!;
    expect(await kc.clients.getServiceAccountUser({ id: shopId })).toMatchObject({ username: 'service-account-shop', enabled: true });
  });

  it('assigns default and optional client scopes', async () => {
    const scopes = await kc.clientScopes.find();
    const phone = scopes.find((s) => s.name === 'phone')!;
    await kc.clients.delOptionalClientScope({ id: shopId, clientScopeId: phone.id! });
    expect((await kc.clients.listOptionalClientScopes({ id: shopId })).map((s) => s.name)).not.toContain('phone');
    await kc.clients.addDefaultClientScope({ id: shopId, clientScopeId: phone.id! });
    expect((await kc.clients.listDefaultClientScopes({ id: shopId })).find((s) => s.name === 'phone')).toMatchObject({ id: phone.id });
    await kc.clients.delDefaultClientScope({ id: shopId, clientScopeId: phone.id! });
    await kc.clients.addOptionalClientScope({ id: shopId, clientScopeId: phone.id! });
    expect((await kc.clients.listOptionalClientScopes({ id: shopId })).map((s) => s.name)).toContain('phone');
  });

  it('creates, reads, updates and deletes protocol mappers', async () => {
    const mapper = { name: 'tier', protocol: 'openid-connect', protocolMapper: 'oidc-hardcoded-claim-mapper', config: { 'claim.name': 'tier', 'claim.value': 'gold', 'jsonType.label': 'String', 'access.token.claim': 'true', 'id.token.claim': 'true', 'userinfo.token.claim': 'true' } };
    await kc.clients.addProtocolMapper({ id: shopId }, mapper);
    expect(await statusOf(kc.clients.addProtocolMapper({ id: shopId }, mapper))).toBe(409);
    await kc.clients.addMultipleProtocolMappers({ id: shopId }, [{ ...mapper, name: 'region', config: { ...mapper.config, 'claim.name': 'region', 'claim.value': 'eu' } }]);
    const mappers = await kc.clients.listProtocolMappers({ id: shopId });
    expect(mappers.map((m) => m.name).sort()).toEqual(['region', 'tier']);
    const tier = mappers.find((m) => m.name === 'tier')!;
    expect(await kc.clients.findProtocolMapperById({ id: shopId, mapperId: tier.id! })).toMatchObject({ name: 'tier', protocolMapper: 'oidc-hardcoded-claim-mapper', config: { 'claim.value': 'gold' } });
    expect((await kc.clients.findProtocolMappersByProtocol({ id: shopId, protocol: 'openid-connect' })).length).toBe(2);
    await kc.clients.updateProtocolMapper({ id: shopId, mapperId: tier.id! }, { ...tier, config: { ...tier.config, 'claim.value': 'platinum' } });
    expect((await kc.clients.findProtocolMapperById({ id: shopId, mapperId: tier.id! })).config!['claim.value']).toBe('platinum');
    const region = mappers.find((m) => m.name === 'region')!;
    await kc.clients.delProtocolMapper({ id: shopId, mapperId: region.id! });
    expect((await kc.clients.listProtocolMappers({ id: shopId })).map((m) => m.name)).toEqual(['tier']);
  });

  it('maps realm and client scope: assigned, available, composite', async () => {
    const { id: viewerId } = await kc.clients.create({ clientId: 'viewer', fullScopeAllowed: false });
    const customer = await kc.roles.findOneByName({ name: 'customer' });
    await kc.clients.addRealmScopeMappings({ id: viewerId }, [customer!]);
    expect((await kc.clients.listRealmScopeMappings({ id: viewerId })).map((r) => r.name)).toEqual(['customer']);
    expect((await kc.clients.listAvailableRealmScopeMappings({ id: viewerId })).map((r) => r.name)).toContain('staff');
    expect((await kc.clients.listCompositeRealmScopeMappings({ id: viewerId })).map((r) => r.name)).toContain('customer');
    await kc.clients.createRole({ id: shopId, name: 'checkout' });
    const checkout = await kc.clients.findRole({ id: shopId, roleName: 'checkout' });
    expect((await kc.clients.listAvailableClientScopeMappings({ id: viewerId, client: shopId })).map((r) => r.name)).toEqual(['checkout']);
    await kc.clients.addClientScopeMappings({ id: viewerId, client: shopId }, [checkout!]);
    expect((await kc.clients.listClientScopeMappings({ id: viewerId, client: shopId })).map((r) => r.name)).toEqual(['checkout']);
    expect((await kc.clients.listCompositeClientScopeMappings({ id: viewerId, client: shopId })).map((r) => r.name)).toEqual(['checkout']);
    const all = await kc.clients.listScopeMappings({ id: viewerId });
    expect(all.realmMappings!.map((r) => r.name)).toEqual(['customer']);
    expect(all.clientMappings!['shop']).toMatchObject({ client: 'shop', id: shopId, mappings: [expect.objectContaining({ name: 'checkout' })] });
    await kc.clients.delClientScopeMappings({ id: viewerId, client: shopId }, [checkout!]);
    await kc.clients.delRealmScopeMappings({ id: viewerId }, [customer!]);
    expect(await kc.clients.listScopeMappings({ id: viewerId })).toEqual({});
  });

  it('evaluates scopes: mappers, scope mappings and example tokens', async () => {
    const customer = await kc.roles.findOneByName({ name: 'customer' });
    await kc.users.addRealmRoleMappings({ id: userId, roles: [{ id: customer!.id!, name: 'customer' }] });
    const mappers = (await kc.clients.evaluateListProtocolMapper({ id: shopId, scope: 'openid phone' })) as unknown as Array<Record<string, unknown>>;
    expect(mappers.map((m) => m['mapperName'])).toEqual(expect.arrayContaining(['tier', 'email', 'username', 'phone number']));
    // ClientScopeEvaluateResource names the client's own container "" and a scope by its name.
    expect(mappers.find((m) => m['mapperName'] === 'tier')).toMatchObject({ containerId: shopId, containerName: '', containerType: 'client', protocolMapper: 'oidc-hardcoded-claim-mapper' });
    expect(mappers.find((m) => m['mapperName'] === 'phone number')).toMatchObject({ containerName: 'phone', containerType: 'client-scope' });
    // The role container is the realm's name or a client's id (ClientScopeEvaluateResource.scopeMappings).
    expect((await kc.clients.evaluatePermission({ id: shopId, roleContainer: REALM, type: 'granted', scope: 'openid' })).map((r) => r.name)).toEqual(expect.arrayContaining(['customer', 'staff']));
    expect(await kc.clients.evaluatePermission({ id: shopId, roleContainer: REALM, type: 'not-granted', scope: 'openid' })).toEqual([]);
    expect((await kc.clients.evaluatePermission({ id: shopId, roleContainer: shopId, type: 'granted', scope: 'openid' })).map((r) => r.name)).toEqual(['checkout']);
    expect(await statusOf(kc.clients.evaluatePermission({ id: shopId, roleContainer: 'no-such-container', type: 'granted', scope: 'openid' }))).toBe(404);

    const access = await kc.clients.evaluateGenerateAccessToken({ id: shopId, userId, scope: 'openid' } as never);
    expect(access).toMatchObject({ azp: 'shop', preferred_username: 'ivy', email: 'ivy@example.com', tier: 'platinum', typ: 'Bearer', realm_access: { roles: expect.arrayContaining(['customer']) } });
    expect(await kc.clients.evaluateGenerateIdToken({ id: shopId, userId, scope: 'openid' })).toMatchObject({ typ: 'ID', aud: 'shop', preferred_username: 'ivy', tier: 'platinum' });
    expect(await kc.clients.evaluateGenerateUserInfo({ id: shopId, userId, scope: 'openid' })).toMatchObject({ sub: userId, preferred_username: 'ivy', tier: 'platinum' });
  });

  it('counts and lists the sessions of a client', async () => {
    const session = await login(REALM, 'shop', 'ivy', 'Ivy-pass-1', secret);
    expect(session.status).toBe(200);
    expect(decodeJwt(session.json['access_token'])).toMatchObject({ azp: 'shop', tier: 'platinum' });
    expect(await kc.clients.getSessionCount({ id: shopId })).toEqual({ count: 1 });
    expect(await kc.clients.getOfflineSessionCount({ id: shopId })).toEqual({ count: 0 });
    expect((await kc.clients.listSessions({ id: shopId })).map((s) => s.username)).toEqual(['ivy']);
    expect(await kc.clients.listOfflineSessions({ id: shopId })).toEqual([]);
    expect(await kc.clients.pushRevocation({ id: shopId })).toEqual({});
  });

  it('deletes a client with its roles and service account', async () => {
    await kc.clients.del({ id: shopId });
    expect(await kc.clients.findOne({ id: shopId })).toBeNull();
    expect(await kc.users.find({ username: 'service-account-shop', exact: true })).toEqual([]);
    expect(await kc.clients.find({ clientId: 'shop' })).toEqual([]);
  });
});

describe('client scopes', () => {
  const REALM = 'e2e-scopes';

  beforeAll(async () => {
    await useRealm('master');
    await kc.realms.create({ realm: REALM, enabled: true, roles: { realm: [{ name: 'api-user' }] } });
    kc.setConfig({ realmName: REALM });
  });

  it('creates, reads, updates and deletes client scopes with their mappers and scope mappings', async () => {
    const { id } = await kc.clientScopes.create({ name: 'api', protocol: 'openid-connect', description: 'API access', attributes: { 'include.in.token.scope': 'true', 'display.on.consent.screen': 'true' } });
    expect(await statusOf(kc.clientScopes.create({ name: 'api', protocol: 'openid-connect' }))).toBe(409);
    expect(await kc.clientScopes.findOne({ id })).toMatchObject({ id, name: 'api', protocol: 'openid-connect', description: 'API access', attributes: { 'include.in.token.scope': 'true' } });
    expect((await kc.clientScopes.find()).map((s) => s.name)).toEqual(expect.arrayContaining(['api', 'profile', 'email', 'roles', 'web-origins', 'offline_access']));
    await kc.clientScopes.update({ id }, { name: 'api', protocol: 'openid-connect', description: 'the API' });
    expect(await kc.clientScopes.findOne({ id })).toMatchObject({ description: 'the API' });

    await kc.clientScopes.addProtocolMapper({ id }, { name: 'aud-api', protocol: 'openid-connect', protocolMapper: 'oidc-audience-mapper', config: { 'included.custom.audience': 'api', 'access.token.claim': 'true' } });
    await kc.clientScopes.addMultipleProtocolMappers({ id }, [{ name: 'plan', protocol: 'openid-connect', protocolMapper: 'oidc-hardcoded-claim-mapper', config: { 'claim.name': 'plan', 'claim.value': 'pro', 'access.token.claim': 'true' } }]);
    const mappers = await kc.clientScopes.listProtocolMappers({ id });
    expect(mappers.map((m) => m.name).sort()).toEqual(['aud-api', 'plan']);
    const plan = mappers.find((m) => m.name === 'plan')!;
    expect(await kc.clientScopes.findProtocolMapper({ id, mapperId: plan.id! })).toMatchObject({ name: 'plan', config: { 'claim.value': 'pro' } });
    expect((await kc.clientScopes.findProtocolMappersByProtocol({ id, protocol: 'openid-connect' })).length).toBe(2);
    await kc.clientScopes.updateProtocolMapper({ id, mapperId: plan.id! }, { ...plan, config: { ...plan.config, 'claim.value': 'team' } });
    expect((await kc.clientScopes.findProtocolMapper({ id, mapperId: plan.id! }))!.config!['claim.value']).toBe('team');
    await kc.clientScopes.delProtocolMapper({ id, mapperId: plan.id! });
    expect((await kc.clientScopes.listProtocolMappers({ id })).map((m) => m.name)).toEqual(['aud-api']);

    const apiUser = await kc.roles.findOneByName({ name: 'api-user' });
    await kc.clientScopes.addRealmScopeMappings({ id }, [apiUser!]);
    expect((await kc.clientScopes.listRealmScopeMappings({ id })).map((r) => r.name)).toEqual(['api-user']);
    expect((await kc.clientScopes.listAvailableRealmScopeMappings({ id })).map((r) => r.name)).not.toContain('api-user');
    expect((await kc.clientScopes.listCompositeRealmScopeMappings({ id })).map((r) => r.name)).toContain('api-user');
    const { id: apiClient } = await kc.clients.create({ clientId: 'api-server' });
    await kc.clients.createRole({ id: apiClient, name: 'read' });
    const read = await kc.clients.findRole({ id: apiClient, roleName: 'read' });
    await kc.clientScopes.addClientScopeMappings({ id, client: apiClient }, [read!]);
    expect((await kc.clientScopes.listClientScopeMappings({ id, client: apiClient })).map((r) => r.name)).toEqual(['read']);
    expect(await kc.clientScopes.listAvailableClientScopeMappings({ id, client: apiClient })).toEqual([]);
    expect((await kc.clientScopes.listCompositeClientScopeMappings({ id, client: apiClient })).map((r) => r.name)).toEqual(['read']);
    expect((await kc.clientScopes.listScopeMappings({ id })).clientMappings!['api-server']!.mappings!.map((r: { name?: string }) => r.name)).toEqual(['read']);
    await kc.clientScopes.delClientScopeMappings({ id, client: apiClient }, [read!]);
    await kc.clientScopes.delRealmScopeMappings({ id }, [apiUser!]);
    expect(await kc.clientScopes.listScopeMappings({ id })).toEqual({});
  });

  it("manages the realm's default and optional client scopes", async () => {
    const [api] = (await kc.clientScopes.find()).filter((s) => s.name === 'api');
    await kc.clientScopes.addDefaultClientScope({ id: api!.id! });
    expect((await kc.clientScopes.listDefaultClientScopes()).map((s) => s.name)).toContain('api');
    const { id: newClient } = await kc.clients.create({ clientId: 'gets-api' });
    expect((await kc.clients.listDefaultClientScopes({ id: newClient })).map((s) => s.name)).toContain('api');
    await kc.clientScopes.delDefaultClientScope({ id: api!.id! });
    await kc.clientScopes.addDefaultOptionalClientScope({ id: api!.id! });
    expect((await kc.clientScopes.listDefaultOptionalClientScopes()).map((s) => s.name)).toContain('api');
    expect((await kc.clientScopes.listDefaultClientScopes()).map((s) => s.name)).not.toContain('api');
    await kc.clientScopes.delDefaultOptionalClientScope({ id: api!.id! });
    expect((await kc.clientScopes.listDefaultOptionalClientScopes()).map((s) => s.name)).not.toContain('api');

    await kc.clientScopes.del({ id: api!.id! });
    expect(await kc.clientScopes.findOne({ id: api!.id! })).toBeNull();
    expect((await kc.clients.listDefaultClientScopes({ id: newClient })).map((s) => s.name)).not.toContain('api');
  });
});

describe('attack detection', () => {
  const REALM = 'e2e-brute';

  beforeAll(async () => {
    await useRealm('master');
    await kc.realms.create({ realm: REALM, enabled: true, bruteForceProtected: true, failureFactor: 2, users: [
      { username: 'jack', enabled: true, credentials: [{ type: 'password', value: 'Jack-pass-1' }] },
      { username: 'kate', enabled: true, credentials: [{ type: 'password', value: 'Kate-pass-1' }] },
    ] });
    kc.setConfig({ realmName: REALM });
  });

  it('reports, clears one and clears all brute-force states', async () => {
    const [jack] = await kc.users.find({ username: 'jack', exact: true });
    const [kate] = await kc.users.find({ username: 'kate', exact: true });
    expect(await kc.attackDetection.findOne({ id: jack!.id! })).toMatchObject({ numFailures: 0, disabled: false, lastFailure: 0 });
    for (const user of ['jack', 'kate']) {
      for (let attempt = 0; attempt < 2; attempt++) expect((await login(REALM, 'admin-cli', user, 'wrong')).status).toBe(401);
    }
    const locked = await kc.attackDetection.findOne({ id: jack!.id! });
    expect(locked).toMatchObject({ numFailures: 2, disabled: true, lastIPFailure: expect.any(String), lastFailure: expect.any(Number) });
    expect((await login(REALM, 'admin-cli', 'jack', 'Jack-pass-1')).status).toBe(400);

    await kc.attackDetection.del({ id: jack!.id! });
    expect(await kc.attackDetection.findOne({ id: jack!.id! })).toMatchObject({ numFailures: 0, disabled: false });
    expect((await login(REALM, 'admin-cli', 'jack', 'Jack-pass-1')).status).toBe(200);
    expect(await kc.attackDetection.findOne({ id: kate!.id! })).toMatchObject({ disabled: true });
    await kc.attackDetection.delAll();
    expect(await kc.attackDetection.findOne({ id: kate!.id! })).toMatchObject({ numFailures: 0, disabled: false });
  });
});

describe('events', () => {
  const REALM = 'e2e-events';

  beforeAll(async () => {
    await useRealm('master');
    await kc.realms.create({ realm: REALM, enabled: true, users: [{ username: 'lena', enabled: true, credentials: [{ type: 'password', value: 'Lena-pass-1' }] }] });
    kc.setConfig({ realmName: REALM });
  });

  it('configures events, lists user events with filters and paging, and clears them', async () => {
    await kc.realms.updateConfigEvents({ realm: REALM }, { eventsEnabled: true, eventsExpiration: 3600, enabledEventTypes: ['LOGIN', 'LOGIN_ERROR'], adminEventsEnabled: true, adminEventsDetailsEnabled: true, eventsListeners: ['jboss-logging'] });
    expect(await kc.realms.getConfigEvents({ realm: REALM })).toMatchObject({ eventsEnabled: true, eventsExpiration: 3600, enabledEventTypes: ['LOGIN', 'LOGIN_ERROR'], adminEventsEnabled: true, adminEventsDetailsEnabled: true, eventsListeners: ['jboss-logging'] });

    const [lena] = await kc.users.find({ username: 'lena', exact: true });
    for (let i = 0; i < 3; i++) expect((await login(REALM, 'admin-cli', 'lena', 'Lena-pass-1')).status).toBe(200);
    expect((await login(REALM, 'admin-cli', 'lena', 'wrong')).status).toBe(401);

    const all = await kc.realms.findEvents({ realm: REALM });
    expect(all).toHaveLength(4);
    expect(all[0]).toMatchObject({ type: 'LOGIN_ERROR', clientId: 'admin-cli', userId: lena!.id, error: 'invalid_user_credentials', realmId: expect.any(String), time: expect.any(Number), ipAddress: expect.any(String) });
    expect(all[1]).toMatchObject({ type: 'LOGIN', clientId: 'admin-cli', userId: lena!.id, sessionId: expect.any(String), details: expect.objectContaining({ username: 'lena', grant_type: 'password' }) });
    expect((await kc.realms.findEvents({ realm: REALM, type: 'LOGIN' })).map((e) => e.type)).toEqual(['LOGIN', 'LOGIN', 'LOGIN']);
    expect((await kc.realms.findEvents({ realm: REALM, type: ['LOGIN_ERROR'] })).length).toBe(1);
    expect((await kc.realms.findEvents({ realm: REALM, user: lena!.id!, client: 'admin-cli', first: 1, max: 2 })).map((e) => e.time)).toEqual(all.slice(1, 3).map((e) => e.time));
    expect(await kc.realms.findEvents({ realm: REALM, client: 'nobody' })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await kc.realms.findEvents({ realm: REALM, dateFrom: today, dateTo: today })).length).toBe(4);

    await kc.realms.clearEvents({ realm: REALM });
    expect(await kc.realms.findEvents({ realm: REALM })).toEqual([]);
  });

  it('records every admin write as an admin event, filters, pages and clears them', async () => {
    const { id: userId } = await kc.users.create({ username: 'mike', enabled: true });
    await kc.users.update({ id: userId }, { firstName: 'Mike' });
    const { id: groupId } = await kc.groups.create({ name: 'ops' });
    await kc.users.addToGroup({ id: userId, groupId });
    await kc.users.del({ id: userId });

    const events = await kc.realms.findAdminEvents({ realm: REALM });
    const lines = events.map((e) => `${e.operationType} ${e.resourceType} ${e.resourcePath}`);
    expect(lines.slice(0, 5)).toEqual([
      `DELETE USER users/${userId}`,
      `CREATE GROUP_MEMBERSHIP users/${userId}/groups/${groupId}`,
      `CREATE GROUP groups/${groupId}`,
      `UPDATE USER users/${userId}`,
      `CREATE USER users/${userId}`,
    ]);
    expect(events[4]).toMatchObject({ realmId: expect.any(String), time: expect.any(Number), authDetails: { realmId: expect.any(String), clientId: expect.any(String), userId: expect.any(String), ipAddress: expect.any(String) } });
    expect(JSON.parse(events[3]!.representation!)).toMatchObject({ firstName: 'Mike' });
    expect(lines).toContain('UPDATE REALM events/config');

    expect((await kc.realms.findAdminEvents({ realm: REALM, operationTypes: 'CREATE', resourceTypes: 'USER' })).map((e) => e.resourcePath)).toEqual([`users/${userId}`]);
    expect((await kc.realms.findAdminEvents({ realm: REALM, resourcePath: 'groups/*' })).map((e) => e.resourceType)).toEqual(['GROUP']);
    expect((await kc.realms.findAdminEvents({ realm: REALM, first: 1, max: 2 })).map((e) => e.resourcePath)).toEqual(events.slice(1, 3).map((e) => e.resourcePath));
    expect(await kc.realms.findAdminEvents({ realm: REALM, authRealm: 'no-such-realm-id' })).toEqual([]);
    const auth = events[0]!.authDetails!;
    expect(await kc.realms.findAdminEvents({ realm: REALM, authRealm: auth.realmId!, authClient: auth.clientId!, authUser: auth.userId!, authIpAddress: auth.ipAddress! })).toHaveLength(events.length);
    expect(await kc.realms.findAdminEvents({ realm: REALM, authUser: 'someone-else' })).toEqual([]);

    // Writes to the other resources land there too, each with its Keycloak resource type.
    const { id: clientId } = await kc.clients.create({ clientId: 'audited' });
    await kc.clients.createRole({ id: clientId, name: 'audited-role' });
    await kc.roles.create({ name: 'audited-realm-role' });
    const { id: scopeId } = await kc.clientScopes.create({ name: 'audited-scope', protocol: 'openid-connect' });
    await kc.realms.update({ realm: REALM }, { displayName: 'Audited' });
    const more = (await kc.realms.findAdminEvents({ realm: REALM, max: 5 })).map((e) => `${e.operationType} ${e.resourceType} ${e.resourcePath}`);
    expect(more).toEqual([
      'UPDATE REALM ',
      `CREATE CLIENT_SCOPE client-scopes/${scopeId}`,
      'CREATE REALM_ROLE roles/audited-realm-role',
      `CREATE CLIENT_ROLE clients/${clientId}/roles/audited-role`,
      `CREATE CLIENT clients/${clientId}`,
    ]);

    await kc.realms.clearAdminEvents({ realm: REALM });
    expect(await kc.realms.findAdminEvents({ realm: REALM })).toEqual([]);
  });
});

describe('server info and whoami', () => {
  beforeAll(() => useRealm('master'));

  it("answers the admin console's serverinfo and whoami", async () => {
    const info = await kc.serverInfo.find();
    expect(info.systemInfo).toMatchObject({ version: expect.any(String) });
    expect(info.protocolMapperTypes!['openid-connect']!.map((type) => type.id)).toEqual(expect.arrayContaining(['oidc-usermodel-attribute-mapper', 'oidc-hardcoded-claim-mapper', 'oidc-audience-mapper']));
    expect(Object.keys(info.providers ?? {})).toEqual(expect.arrayContaining(['login-protocol']));
    expect(info.enums?.['eventType']).toEqual(expect.arrayContaining(['LOGIN', 'LOGIN_ERROR']));

    const me = await kc.whoAmI.find({ currentRealm: 'master', realm: 'master' });
    expect(me).toMatchObject({ userId: expect.any(String), displayName: ROOT.username, realm: 'master', createRealm: true, realm_access: expect.objectContaining({ master: expect.arrayContaining(['manage-realm']) }) });
  });
});
