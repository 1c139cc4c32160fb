import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createClient } from '../../shared/realm/create-client.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;
let realmId: string;
let appUuid: string;
let narrowUuid: string;
const REALM = 'acme';
const PASSWORD = 'Secret-pass-1';
const fresh = async (): Promise<RealmConfig> => (await loadRealmConfig(server.store, realmId))!;
const userPath = (...rest: string[]) => routePath('admin.users.rest', { realm: REALM, proxy: rest.join('/') });
const names = (roles: Array<{ name?: string }>) => roles.map((role) => role.name).sort();

beforeAll(async () => {
  server = await startAdminServer();
  const created = await createRealm(realmCreation(server.store, keyProviders()), { realm: REALM, enabled: true, adminEventsEnabled: true, adminEventsDetailsEnabled: true });
  realmId = created.id;
  appUuid = (await createClient(server.store, await fresh(), { clientId: 'app', publicClient: true, directAccessGrantsEnabled: true })).id;
  narrowUuid = (await createClient(server.store, await fresh(), { clientId: 'narrow', publicClient: true, directAccessGrantsEnabled: true, fullScopeAllowed: false })).id;
  server.kc.setConfig({ realmName: REALM });
  for (const name of ['alpha', 'beta', 'gamma']) await server.kc.roles.create({ name });
  await server.kc.clients.createRole({ id: appUuid, name: 'deploy' });
  await server.kc.clients.createRole({ id: appUuid, name: 'audit' });
});
afterAll(() => server?.close());

const role = async (name: string) => (await server.kc.roles.findOneByName({ name }))!;
const appRole = async (name: string) => (await server.kc.clients.findRole({ id: appUuid, roleName: name }))!;

const adminEvents = () => recentAdminEvents(server.store, realmId);

/** The claims of an access token from the password grant (the payload is not verified here). */
async function accessTokenClaims(clientId: string, username: string): Promise<Record<string, any>> {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password: PASSWORD }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(JSON.stringify(body));
  return JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}

describe('user role mappings', () => {
  it('maps realm roles: assigned, available, composite, and what a new token carries', async () => {
    const user = await createUser(server.store, await fresh(), { username: 'ada', password: PASSWORD });
    const [alpha, beta] = [await role('alpha'), await role('beta')];
    await server.kc.roles.createComposite({ roleId: alpha.id! }, [beta]);
    // beta ⊃ alpha ⊃ beta: a cycle, expanded once each in listings and tokens.
    await server.kc.roles.createComposite({ roleId: beta.id! }, [alpha]);

    await server.kc.users.addRealmRoleMappings({ id: user.id, roles: [{ id: alpha.id!, name: 'alpha' }] });
    expect(names(await server.kc.users.listRealmRoleMappings({ id: user.id }))).toEqual(['alpha', 'default-roles-acme']);
    expect(names(await server.kc.users.listAvailableRealmRoleMappings({ id: user.id }))).toEqual(['beta', 'gamma', 'offline_access', 'uma_authorization']);
    expect(names(await server.kc.users.listCompositeRealmRoleMappings({ id: user.id }))).toEqual(['alpha', 'beta', 'default-roles-acme', 'offline_access', 'uma_authorization']);
    const full = await server.call('GET', `${userPath(user.id, 'role-mappings', 'realm', 'composite')}?briefRepresentation=false`);
    expect(full.json.find((found: { name: string }) => found.name === 'alpha')).toHaveProperty('attributes', {});

    const claims = await accessTokenClaims('app', 'ada');
    expect(claims.realm_access.roles.sort()).toEqual(['alpha', 'beta', 'default-roles-acme', 'offline_access', 'uma_authorization']);

    await server.kc.users.delRealmRoleMappings({ id: user.id, roles: [{ id: alpha.id!, name: 'alpha' }] });
    expect(names(await server.kc.users.listRealmRoleMappings({ id: user.id }))).toEqual(['default-roles-acme']);
    expect((await accessTokenClaims('app', 'ada')).realm_access.roles).not.toContain('alpha');
    await server.kc.roles.delCompositeRoles({ id: beta.id! }, [alpha]);
  });

  it('maps client roles and reports every mapping in one MappingsRepresentation', async () => {
    const user = await createUser(server.store, await fresh(), { username: 'bob', password: PASSWORD });
    const [deploy, audit] = [await appRole('deploy'), await appRole('audit')];
    await server.kc.roles.createComposite({ roleId: deploy.id! }, [audit]);
    await server.kc.users.addClientRoleMappings({ id: user.id, clientUniqueId: appUuid, roles: [{ id: deploy.id!, name: 'deploy' }] });
    expect(names(await server.kc.users.listClientRoleMappings({ id: user.id, clientUniqueId: appUuid }))).toEqual(['deploy']);
    expect(names(await server.kc.users.listAvailableClientRoleMappings({ id: user.id, clientUniqueId: appUuid }))).toEqual(['audit']);
    expect(names(await server.kc.users.listCompositeClientRoleMappings({ id: user.id, clientUniqueId: appUuid }))).toEqual(['audit', 'deploy']);
    const all = await server.kc.users.listRoleMappings({ id: user.id });
    expect(all.realmMappings!.map((mapped) => mapped.name)).toEqual(['default-roles-acme']);
    expect(all.clientMappings).toEqual({
      app: { id: appUuid, client: 'app', mappings: [{ id: deploy.id, name: 'deploy', composite: true, clientRole: true, containerId: appUuid }] },
    });
    expect((await accessTokenClaims('app', 'bob')).resource_access.app.roles.sort()).toEqual(['audit', 'deploy']);
    await server.kc.users.delClientRoleMappings({ id: user.id, clientUniqueId: appUuid, roles: [{ id: deploy.id!, name: 'deploy' }] });
    expect(await server.kc.users.listClientRoleMappings({ id: user.id, clientUniqueId: appUuid })).toEqual([]);
  });

  it("answers Keycloak's 404s and removes all realm mappings for a DELETE without a body", async () => {
    const user = await createUser(server.store, await fresh(), { username: 'cyd', password: PASSWORD });
    const gamma = await role('gamma');
    const realmMappings = userPath(user.id, 'role-mappings', 'realm');
    expect(await server.call('POST', realmMappings, { body: [{ id: 'wrong-id', name: 'gamma' }] })).toMatchObject({ status: 404, json: { error: 'Role not found' } });
    expect(await server.call('POST', realmMappings, { body: [{ id: gamma.id, name: 'no-such-role' }] })).toMatchObject({ status: 404, json: { error: 'Role not found' } });
    expect(await server.call('GET', userPath('no-such-user', 'role-mappings'))).toMatchObject({ status: 404, json: { error: 'User not found' } });
    expect(await server.call('GET', userPath(user.id, 'role-mappings', 'clients', 'no-such-client'))).toMatchObject({ status: 404, json: { error: 'Client not found' } });
    expect(await server.call('POST', realmMappings, { body: { id: gamma.id } })).toMatchObject({ status: 400 });
    expect((await server.call('POST', realmMappings, { body: [{ id: gamma.id, name: 'gamma' }] })).status).toBe(204);
    expect((await server.call('DELETE', realmMappings)).status).toBe(204);
    expect(await server.kc.users.listRealmRoleMappings({ id: user.id })).toEqual([]);
  });

  it('lets a user administrator map only roles they could administer themselves', async () => {
    const management = (await new ClientsRepository(server.store).loadByClientId(realmId, 'realm-management'))!;
    const adminRole = (name: string) => management.roles.find((candidate) => candidate.rep.name === name)!;
    const manageUsers = adminRole('manage-users');
    const helper = await createUser(server.store, await fresh(), { username: 'helpdesk', password: PASSWORD, roles: [{ roleId: manageUsers.rep.id, clientUuid: manageUsers.clientUuid! }] });
    const token = await server.token('helpdesk', PASSWORD, REALM);
    const mappings = userPath(helper.id, 'role-mappings', 'clients', management.client.rep.id);
    const payload = (name: string) => [{ id: adminRole(name).rep.id, name }];
    // Ordinary roles, the query roles and the rights they hold: yes; more than they hold: no.
    const gamma = await role('gamma');
    expect((await server.call('POST', userPath(helper.id, 'role-mappings', 'realm'), { token, body: [{ id: gamma.id, name: 'gamma' }] })).status).toBe(204);
    expect((await server.call('POST', mappings, { token, body: payload('query-clients') })).status).toBe(204);
    expect((await server.call('POST', mappings, { token, body: payload('view-users') })).status).toBe(204);
    expect((await server.call('POST', mappings, { token, body: payload('manage-realm') })).status).toBe(403);
    expect((await server.call('POST', mappings, { token, body: payload('realm-admin') })).status).toBe(403);
    const available = await server.call('GET', `${mappings}/available`, { token });
    expect(names(available.json)).not.toContain('manage-realm');
    expect(names(available.json)).toContain('query-realms');
    // The master admin may hand out realm-admin.
    expect((await server.call('POST', mappings, { body: payload('realm-admin') })).status).toBe(204);
    // Viewing mappings takes view-users, changing them manage-users.
    const viewer = await createUser(server.store, await fresh(), { username: 'viewer', password: PASSWORD, roles: [{ roleId: adminRole('view-users').rep.id, clientUuid: management.client.rep.id }] });
    const viewerToken = await server.token('viewer', PASSWORD, REALM);
    expect((await server.call('GET', userPath(viewer.id, 'role-mappings'), { token: viewerToken })).status).toBe(200);
    expect((await server.call('POST', userPath(viewer.id, 'role-mappings', 'realm'), { token: viewerToken, body: [{ id: gamma.id, name: 'gamma' }] })).status).toBe(403);
  });
});

describe('group role mappings', () => {
  it("maps roles to groups; members' tokens carry them, subgroups inherit them", async () => {
    const gamma = await role('gamma');
    const audit = await appRole('audit');
    const { id: parent } = await server.kc.groups.create({ name: 'staff' });
    const { id: child } = await server.kc.groups.createChildGroup({ id: parent }, { name: 'night-shift' });
    await server.kc.groups.addRealmRoleMappings({ id: parent, roles: [{ id: gamma.id!, name: 'gamma' }] });
    await server.kc.groups.addClientRoleMappings({ id: child, clientUniqueId: appUuid, roles: [{ id: audit.id!, name: 'audit' }] });
    expect(names(await server.kc.groups.listRealmRoleMappings({ id: parent }))).toEqual(['gamma']);
    expect(await server.kc.groups.listRealmRoleMappings({ id: child })).toEqual([]);
    expect(names(await server.kc.groups.listCompositeRealmRoleMappings({ id: child }))).toEqual(['gamma']);
    expect(names(await server.kc.groups.listAvailableRealmRoleMappings({ id: parent }))).not.toContain('gamma');
    expect(names(await server.kc.groups.listClientRoleMappings({ id: child, clientUniqueId: appUuid }))).toEqual(['audit']);
    expect(await server.kc.groups.findOne({ id: child })).toMatchObject({ realmRoles: [], clientRoles: { app: ['audit'] } });
    expect(await server.kc.groups.listRoleMappings({ id: parent })).toEqual({ realmMappings: [expect.objectContaining({ name: 'gamma' })] });

    await createUser(server.store, await fresh(), { username: 'nina', password: PASSWORD, groupIds: [child] });
    const claims = await accessTokenClaims('app', 'nina');
    expect(claims.realm_access.roles).toContain('gamma');
    expect(claims.resource_access.app.roles).toEqual(['audit']);

    await server.kc.groups.delRealmRoleMappings({ id: parent, roles: [{ id: gamma.id!, name: 'gamma' }] });
    expect((await accessTokenClaims('app', 'nina')).realm_access.roles).not.toContain('gamma');
  });
});

describe('scope mappings', () => {
  it("limits a client without full scope to its scope mappings, in what it lists and in its tokens", async () => {
    const [alpha, gamma] = [await role('alpha'), await role('gamma')];
    const deploy = await appRole('deploy');
    await createUser(server.store, await fresh(), { username: 'eve', password: PASSWORD, roles: [{ roleId: alpha.id! }, { roleId: gamma.id! }, { roleId: deploy.id!, clientUuid: appUuid }] });
    expect((await accessTokenClaims('narrow', 'eve')).realm_access).toBeUndefined();

    await server.kc.clients.addRealmScopeMappings({ id: narrowUuid }, [gamma]);
    await server.kc.clients.addClientScopeMappings({ id: narrowUuid, client: appUuid }, [deploy]);
    expect(names(await server.kc.clients.listRealmScopeMappings({ id: narrowUuid }))).toEqual(['gamma']);
    expect(names(await server.kc.clients.listAvailableRealmScopeMappings({ id: narrowUuid }))).not.toContain('gamma');
    expect(names(await server.kc.clients.listCompositeRealmScopeMappings({ id: narrowUuid }))).toEqual(['gamma']);
    expect(names(await server.kc.clients.listClientScopeMappings({ id: narrowUuid, client: appUuid }))).toEqual(['deploy']);
    // deploy ⊃ audit (an earlier test), so the effective scope has both.
    expect(names(await server.kc.clients.listCompositeClientScopeMappings({ id: narrowUuid, client: appUuid }))).toEqual(['audit', 'deploy']);
    expect(names(await server.kc.clients.listAvailableClientScopeMappings({ id: narrowUuid, client: appUuid }))).toEqual(['audit']);
    expect(await server.kc.clients.listScopeMappings({ id: narrowUuid })).toMatchObject({
      realmMappings: [expect.objectContaining({ name: 'gamma' })],
      clientMappings: { app: { id: appUuid, client: 'app', mappings: [expect.objectContaining({ name: 'deploy' })] } },
    });
    const claims = await accessTokenClaims('narrow', 'eve');
    expect(claims.realm_access.roles).toEqual(['gamma']);
    // The user has audit through deploy, and deploy's scope mapping brings audit into scope as well.
    expect(claims.resource_access.app.roles.sort()).toEqual(['audit', 'deploy']);

    // A client with full scope has every role in scope.
    expect(names(await server.kc.clients.listCompositeRealmScopeMappings({ id: appUuid }))).toContain('alpha');
    await server.kc.clients.delRealmScopeMappings({ id: narrowUuid }, [gamma]);
    expect(await server.kc.clients.listRealmScopeMappings({ id: narrowUuid })).toEqual([]);
    expect(await server.call('POST', routePath('admin.clients.rest', { realm: REALM, proxy: `${narrowUuid}/scope-mappings/realm` }), { body: [{ id: 'nope' }] })).toMatchObject({
      status: 404,
      json: { error: 'Role not found' },
    });
  });

  it("maps roles to a client scope, and tokens of clients using the scope carry them", async () => {
    const beta = await role('beta');
    const scope = await server.kc.clientScopes.create({ name: 'beta-scope', protocol: 'openid-connect' });
    const scopeId = scope?.id ?? (await server.kc.clientScopes.findOneByName({ name: 'beta-scope' }))!.id!;
    await server.kc.clientScopes.addRealmScopeMappings({ id: scopeId }, [beta]);
    await server.kc.clientScopes.addClientScopeMappings({ id: scopeId, client: appUuid }, [await appRole('audit')]);
    expect(names(await server.kc.clientScopes.listRealmScopeMappings({ id: scopeId }))).toEqual(['beta']);
    expect(names(await server.kc.clientScopes.listClientScopeMappings({ id: scopeId, client: appUuid }))).toEqual(['audit']);
    expect(names(await server.kc.clientScopes.listCompositeRealmScopeMappings({ id: scopeId }))).toEqual(['beta']);
    await server.kc.clients.addDefaultClientScope({ id: narrowUuid, clientScopeId: scopeId });
    await createUser(server.store, await fresh(), { username: 'finn', password: PASSWORD, roles: [{ roleId: beta.id! }] });
    expect((await accessTokenClaims('narrow', 'finn')).realm_access.roles).toEqual(['beta']);
    await server.kc.clientScopes.delClientScopeMappings({ id: scopeId, client: appUuid }, [await appRole('audit')]);
    expect(await server.kc.clientScopes.listClientScopeMappings({ id: scopeId, client: appUuid })).toEqual([]);
    const missing = routePath('admin.client-scopes.rest', { realm: REALM, proxy: 'no-such-scope/scope-mappings/realm' });
    expect(await server.call('GET', missing)).toMatchObject({ status: 404, json: { error: 'Could not find client scope' } });
  });
});

describe('admin events', () => {
  it('records role and scope mapping changes with their resource paths', async () => {
    const user = await createUser(server.store, await fresh(), { username: 'gus' });
    const gamma = await role('gamma');
    await server.kc.users.addRealmRoleMappings({ id: user.id, roles: [{ id: gamma.id!, name: 'gamma' }] });
    await server.kc.users.addClientRoleMappings({ id: user.id, clientUniqueId: appUuid, roles: [{ id: (await appRole('audit')).id!, name: 'audit' }] });
    await server.kc.users.addRealmRoleMappings({ id: user.id, roles: [] });
    await server.kc.clients.addRealmScopeMappings({ id: narrowUuid }, [gamma]);
    await server.kc.clients.addClientScopeMappings({ id: narrowUuid, client: appUuid }, [await appRole('audit')]);
    const events = (await adminEvents()).map((event) => [event.operationType, event.resourceType, event.resourcePath]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['CREATE', 'REALM_ROLE_MAPPING', `users/${user.id}/role-mappings/realm`],
        ['CREATE', 'CLIENT_ROLE_MAPPING', `users/${user.id}/role-mappings/clients/${appUuid}`],
        ['CREATE', 'REALM_SCOPE_MAPPING', `clients/${narrowUuid}/scope-mappings/realm`],
        ['CREATE', 'CLIENT_SCOPE_MAPPING', `clients/${narrowUuid}/scope-mappings/clients/${appUuid}`],
      ]),
    );
    // An empty list changes nothing and records nothing.
    expect(events.filter((event) => event[2] === `users/${user.id}/role-mappings/realm`)).toHaveLength(1);
    const mapped = (await adminEvents()).find((event) => event.resourcePath === `users/${user.id}/role-mappings/realm`)!;
    expect(JSON.parse(mapped.representation)).toEqual([{ id: gamma.id, name: 'gamma' }]);
  });
});
