import { beforeAll, describe, expect, it } from 'vitest';
import { routePath } from '../../shared/routes.js';
import { kc, login, runtime, startAdminClientRuntime, statusOf, useRealm } from '../support/admin-client-e2e.js';

/**
 * Issue 4's Done-when, part 1: Keycloak's own admin client drives realms, users, groups and roles
 * against `npm start` (test/support/admin-client-e2e.ts). One realm per describe; every assertion is
 * on what the client gets back.
 */
startAdminClientRuntime();

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
