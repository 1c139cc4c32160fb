import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { clientIdKey, clientSessionKey, realmKey, roleNameKey, userRoleMappingKey, userSessionKey } from '../../shared/store/keys.js';
import { roleCreationWrites, roleRecord } from '../../shared/store/roles.js';
import { UsersRepository } from '../../shared/store/users.js';
import { recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;
let realm: RealmConfig;
const REALM = 'acme';
const clients = () => routePath('admin.clients', { realm: REALM });

beforeAll(async () => {
  server = await startAdminServer();
  const created = await createRealm(realmCreation(server.store, keyProviders()), {
    realm: REALM,
    enabled: true,
    adminEventsEnabled: true,
    adminEventsDetailsEnabled: true,
  });
  realm = (await loadRealmConfig(server.store, created.id))!;
  server.kc.setConfig({ realmName: REALM });
});
afterAll(() => server?.close());

const adminEvents = () => recentAdminEvents(server.store, realm.realm.id);

async function clientCredentials(clientId: string, secret: string) {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

describe('clients: create, read, search', () => {
  it("creates a confidential client with Keycloak's defaults, a secret and the realm's scopes", async () => {
    const { id } = await server.kc.clients.create({ clientId: 'billing', redirectUris: ['https://billing.example.com/cb'] });
    const client = (await server.kc.clients.findOne({ id }))!;
    expect(client).toMatchObject({
      id,
      clientId: 'billing',
      surrogateAuthRequired: false,
      enabled: true,
      alwaysDisplayInConsole: false,
      clientAuthenticatorType: 'client-secret',
      redirectUris: ['https://billing.example.com/cb'],
      webOrigins: ['https://billing.example.com'],
      notBefore: 0,
      bearerOnly: false,
      consentRequired: false,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      publicClient: false,
      frontchannelLogout: false,
      protocol: 'openid-connect',
      fullScopeAllowed: true,
      nodeReRegistrationTimeout: -1,
      access: { view: true, configure: true, manage: true },
    });
    expect(client.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(client.attributes?.['client.secret.creation.time']).toMatch(/^\d+$/);
    expect(client.defaultClientScopes!.sort()).toEqual(['acr', 'basic', 'email', 'profile', 'roles', 'web-origins']);
    expect(client.optionalClientScopes!.sort()).toEqual(['address', 'microprofile-jwt', 'offline_access', 'organization', 'phone']);
    expect(client.protocolMappers).toBeUndefined();
  });

  it('makes a client naming the openid-connect protocol public with direct grants, as Keycloak does', async () => {
    const { id } = await server.kc.clients.create({ clientId: 'spa', protocol: 'openid-connect', rootUrl: 'https://spa.example.com' });
    const client = (await server.kc.clients.findOne({ id }))!;
    expect(client).toMatchObject({ publicClient: true, directAccessGrantsEnabled: true, redirectUris: ['https://spa.example.com/*'], webOrigins: ['https://spa.example.com'], adminUrl: 'https://spa.example.com' });
    expect(client.secret).toBeUndefined();
  });

  it('finds by exact clientId, by infix search and pages the list by clientId', async () => {
    expect((await server.kc.clients.find({ clientId: 'billing' })).map((c) => c.clientId)).toEqual(['billing']);
    expect(await server.kc.clients.find({ clientId: 'bill' })).toEqual([]);
    expect((await server.kc.clients.find({ clientId: 'ILL', search: true })).map((c) => c.clientId)).toEqual(['billing']);
    const all = (await server.kc.clients.find()).map((c) => c.clientId!);
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(expect.arrayContaining(['account', 'admin-cli', 'billing', 'realm-management', 'spa']));
    expect((await server.kc.clients.find({ first: 1, max: 2 })).map((c) => c.clientId)).toEqual(all.slice(1, 3));
  });

  it('searches attributes with q=key:value', async () => {
    await server.kc.clients.create({ clientId: 'tagged', attributes: { team: 'payments', tier: 'gold' } });
    expect((await server.kc.clients.find({ q: 'team:payments tier:gold' })).map((c) => c.clientId)).toEqual(['tagged']);
    expect(await server.kc.clients.find({ q: 'team:payments tier:silver' })).toEqual([]);
  });

  it('answers 409, 400 and 404 with Keycloak bodies', async () => {
    const duplicate = await server.call('POST', clients(), { body: { clientId: 'billing' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toEqual({ errorMessage: 'Client billing already exists' });
    const unknownField = await server.call('POST', clients(), { body: { clientId: 'x', colour: 'red' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json).toEqual({ errorMessage: 'Unrecognized field "colour"' });
    const badType = await server.call('POST', clients(), { body: { clientId: 'x', enabled: 'yes' } });
    expect(badType.status).toBe(400);
    const badUrl = await server.call('POST', clients(), { body: { clientId: 'x', rootUrl: 'javascript:alert(1)' } });
    expect(badUrl.status).toBe(400);
    expect(badUrl.json).toEqual({ error: 'invalid_input', error_description: 'Root URL uses an illegal scheme' });
    expect((await server.kc.clients.find({ clientId: 'x' })).length).toBe(0);
    const missing = await server.call('GET', `${clients()}/no-such-client`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'Could not find client' });
  });

  it('refuses callers without client rights with 403, for reads, writes and unknown ids alike', async () => {
    const master = (await loadRealmConfig(server.store, 'master'))!;
    await createUser(server.store, master, { username: 'outsider', password: 'outsider-Pass-1' });
    const token = await server.token('outsider', 'outsider-Pass-1');
    expect((await server.call('GET', clients(), { token })).status).toBe(403);
    expect((await server.call('POST', clients(), { token, body: { clientId: 'nope' } })).status).toBe(403);
    expect((await server.call('GET', `${clients()}/whatever`, { token })).status).toBe(403);
  });
});

describe('clients: update', () => {
  it('updates partially and moves the clientId to its new name', async () => {
    const { id } = await server.kc.clients.create({ clientId: 'old-name', description: 'first' });
    const before = (await server.kc.clients.findOne({ id }))!;
    await server.kc.clients.update({ id }, { clientId: 'new-name', attributes: { extra: 'x' } });
    const after = (await server.kc.clients.findOne({ id }))!;
    expect(after).toMatchObject({ clientId: 'new-name', description: 'first', secret: before.secret });
    expect(after.attributes).toMatchObject({ extra: 'x', 'client.secret.creation.time': before.attributes!['client.secret.creation.time'] });
    expect(await server.kc.clients.find({ clientId: 'old-name' })).toEqual([]);
    expect((await server.kc.clients.find({ clientId: 'new-name' }))[0]?.id).toBe(id);
    // The old clientId is free again; taking a used one is 409 "Client already exists".
    await server.kc.clients.create({ clientId: 'old-name' });
    const clash = await server.call('PUT', `${clients()}/${id}`, { body: { clientId: 'old-name' } });
    expect(clash.status).toBe(409);
    expect(clash.json).toEqual({ errorMessage: 'Client already exists' });
    expect(await server.store.get(clientIdKey(realm.realm.id, 'new-name'))).toMatchObject({ clientUuid: id });
  });

  it('drops the secret when a client becomes public', async () => {
    const { id } = await server.kc.clients.create({ clientId: 'becomes-public' });
    await server.kc.clients.update({ id }, { publicClient: true });
    expect((await server.kc.clients.findOne({ id }))!.secret).toBeUndefined();
  });
});

describe('client secrets and service accounts', () => {
  it('shows, regenerates and enforces the secret; the admin event masks it', async () => {
    const { id } = await server.kc.clients.create({ clientId: 'worker', serviceAccountsEnabled: true, secret: 'first-secret' });
    expect(await server.kc.clients.getClientSecret({ id })).toEqual({ type: 'secret', value: 'first-secret' });
    expect((await clientCredentials('worker', 'first-secret')).status).toBe(200);
    const fresh = await server.kc.clients.generateNewClientSecret({ id });
    expect(fresh.type).toBe('secret');
    expect(fresh.value).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await server.kc.clients.getClientSecret({ id })).toEqual(fresh);
    expect((await clientCredentials('worker', 'first-secret')).status).toBe(401);
    expect((await clientCredentials('worker', fresh.value!)).status).toBe(200);

    const events = await adminEvents();
    const regenerated = events.find((event) => event.resourcePath === `clients/${id}/client-secret`);
    expect(regenerated).toMatchObject({ operationType: 'ACTION', resourceType: 'CLIENT' });
    expect(JSON.parse(regenerated!.representation)).toEqual({ type: 'secret', value: '**********' });
    const creation = events.find((event) => event.resourcePath === `clients/${id}` && event.operationType === 'CREATE');
    expect(JSON.parse(creation!.representation)).toMatchObject({ clientId: 'worker', secret: '**********' });
    expect(JSON.stringify(events)).not.toContain('first-secret');
    expect(JSON.stringify(events)).not.toContain(fresh.value);
  });

  it('creates, removes and recreates the service-account user with serviceAccountsEnabled', async () => {
    const { id } = await server.kc.clients.create({ clientId: 'robot', serviceAccountsEnabled: true, secret: 'robot-secret' });
    const user = await server.kc.clients.getServiceAccountUser({ id });
    expect(user).toMatchObject({ username: 'service-account-robot', enabled: true, serviceAccountClientId: id });
    expect((await server.kc.clients.listDefaultClientScopes({ id })).map((s) => s.name)).toContain('service_account');

    await server.kc.clients.update({ id }, { serviceAccountsEnabled: false });
    const none = await server.call('GET', `${clients()}/${id}/service-account-user`);
    expect(none.status).toBe(400);
    expect(none.json).toEqual({ error: "Service account not enabled for the client 'robot'" });
    expect(await new UsersRepository(server.store).idForUsername(realm.realm.id, 'service-account-robot')).toBeUndefined();
    expect((await server.kc.clients.listDefaultClientScopes({ id })).map((s) => s.name)).not.toContain('service_account');
    expect((await clientCredentials('robot', 'robot-secret')).status).toBe(401);

    await server.kc.clients.update({ id }, { serviceAccountsEnabled: true, clientId: 'robot2' });
    expect(await server.kc.clients.getServiceAccountUser({ id })).toMatchObject({ username: 'service-account-robot2' });
    const token = await clientCredentials('robot2', 'robot-secret');
    expect(token.status).toBe(200);
  });

  it('renames the service-account user when the clientId changes', async () => {
    const { id } = await server.kc.clients.create({ clientId: 'renamed', serviceAccountsEnabled: true });
    await server.kc.clients.update({ id }, { clientId: 'renamed-again' });
    expect((await server.kc.clients.getServiceAccountUser({ id })).username).toBe('service-account-renamed-again');
    const users = new UsersRepository(server.store);
    expect(await users.idForUsername(realm.realm.id, 'service-account-renamed')).toBeUndefined();
    expect(await users.idForUsername(realm.realm.id, 'service-account-renamed-again')).toBeDefined();
  });
});

describe('client scopes of a client', () => {
  it('lists, assigns and removes default and optional scopes', async () => {
    const { id } = await server.kc.clients.create({ clientId: 'scoped', defaultClientScopes: ['profile'], optionalClientScopes: ['phone'] });
    expect((await server.kc.clients.listDefaultClientScopes({ id })).map((s) => s.name)).toEqual(['profile']);
    expect((await server.kc.clients.listOptionalClientScopes({ id })).map((s) => s.name)).toEqual(['phone']);
    const email = realm.clientScopes.find((scope) => scope.rep.name === 'email')!.rep.id;
    await server.kc.clients.addDefaultClientScope({ id, clientScopeId: email });
    const listed = await server.kc.clients.listDefaultClientScopes({ id });
    expect(listed).toEqual(expect.arrayContaining([{ id: email, name: 'email' }]));
    await server.kc.clients.delDefaultClientScope({ id, clientScopeId: email });
    await server.kc.clients.delOptionalClientScope({ id, clientScopeId: realm.clientScopes.find((scope) => scope.rep.name === 'phone')!.rep.id });
    expect((await server.kc.clients.listDefaultClientScopes({ id })).map((s) => s.name)).toEqual(['profile']);
    expect(await server.kc.clients.listOptionalClientScopes({ id })).toEqual([]);
    const unknown = await server.call('PUT', `${clients()}/${id}/default-client-scopes/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'Client scope not found' });
    const events = await adminEvents();
    expect(events.find((event) => event.resourcePath === `clients/${id}/default-client-scopes/${email}` && event.operationType === 'CREATE')).toMatchObject({
      resourceType: 'CLIENT_SCOPE_CLIENT_MAPPING',
    });
  });
});

describe('clients: delete', () => {
  it("removes the client with its roles, their users' mappings and its service-account user", async () => {
    const { id } = await server.kc.clients.create({ clientId: 'doomed', serviceAccountsEnabled: true });
    const roleId = crypto.randomUUID();
    await server.store.transact(roleCreationWrites(roleRecord(realm.realm.id, { id: roleId, name: 'operator' }, [], id)));
    const fresh = (await loadRealmConfig(server.store, realm.realm.id))!;
    const holder = await createUser(server.store, fresh, { username: 'holder', roles: [{ roleId, clientUuid: id }] });
    const serviceAccount = await server.kc.clients.getServiceAccountUser({ id });

    await server.kc.clients.del({ id });
    expect(await new ClientsRepository(server.store).load(realm.realm.id, id)).toBeUndefined();
    expect((await server.call('GET', `${clients()}/${id}`)).status).toBe(404);
    expect(await server.kc.clients.find({ clientId: 'doomed' })).toEqual([]);
    expect(await server.store.get(roleNameKey(realm.realm.id, id, 'operator'))).toBeUndefined();
    expect(await server.store.get(userRoleMappingKey(realm.realm.id, holder.id, roleId))).toBeUndefined();
    expect(await new UsersRepository(server.store).load(realm.realm.id, serviceAccount.id!)).toBeUndefined();
    expect(await new UsersRepository(server.store).idForUsername(realm.realm.id, 'service-account-doomed')).toBeUndefined();
    expect((await adminEvents()).find((event) => event.resourcePath === `clients/${id}` && event.operationType === 'DELETE')).toMatchObject({
      resourceType: 'CLIENT',
      representation: JSON.stringify({ id, clientId: 'doomed' }),
    });
    expect((await server.store.get(realmKey(realm.realm.id)))!['configVersion']).toBeGreaterThan(realm.realm.configVersion);
  });

  it("leaves no group mapping, other client's scope mapping or composite naming its roles", async () => {
    const { id } = await server.kc.clients.create({ clientId: 'short-lived', publicClient: true, directAccessGrantsEnabled: true });
    await server.kc.clients.createRole({ id, name: 'reader' });
    await createUser(server.store, (await loadRealmConfig(server.store, realm.realm.id))!, { username: 'session-holder', password: 'Holder-pass-1' });
    const grant = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'short-lived', username: 'session-holder', password: 'Holder-pass-1' }),
    });
    const sessionId = ((await grant.json()) as { session_state: string }).session_state;
    expect(await server.store.get(clientSessionKey(realm.realm.id, sessionId, id, false))).toBeDefined();
    const reader = await server.kc.clients.findRole({ id, roleName: 'reader' });
    const { id: otherId } = await server.kc.clients.create({ clientId: 'bystander', fullScopeAllowed: false });
    await server.kc.clients.createRole({ id: otherId, name: 'bundle' });
    const bundle = await server.kc.clients.findRole({ id: otherId, roleName: 'bundle' });
    await server.kc.roles.createComposite({ roleId: bundle!.id! }, [reader!]);
    await server.kc.clients.addClientScopeMappings({ id: otherId, client: id }, [reader!]);
    await server.kc.roles.create({ name: 'realm-bundle' });
    const realmBundle = await server.kc.roles.findOneByName({ name: 'realm-bundle' });
    await server.kc.roles.createComposite({ roleId: realmBundle!.id! }, [reader!]);
    const { id: groupId } = await server.kc.groups.create({ name: 'readers' });
    await server.kc.groups.addClientRoleMappings({ id: groupId, clientUniqueId: id, roles: [{ id: reader!.id!, name: 'reader' }] });
    const { id: scopeId } = await server.kc.clientScopes.create({ name: 'reader-scope', protocol: 'openid-connect' });
    await server.kc.clientScopes.addClientScopeMappings({ id: scopeId, client: id }, [reader!]);

    await server.kc.clients.del({ id });
    expect((await server.call('GET', `${routePath('admin.groups', { realm: REALM })}/${groupId}/role-mappings`)).json).toEqual({});
    expect(await server.kc.clients.listClientScopeMappings({ id: otherId, client: id }).catch(() => [])).toEqual([]);
    expect((await server.call('GET', `${clients()}/${otherId}/scope-mappings`)).json).toEqual({});
    expect(await server.kc.roles.getCompositeRoles({ id: bundle!.id! })).toEqual([]);
    expect(await server.kc.roles.findOneByName({ name: 'realm-bundle' })).toMatchObject({ composite: false });
    expect(await server.kc.roles.getCompositeRoles({ id: realmBundle!.id! })).toEqual([]);
    expect((await server.call('GET', `${routePath('admin.client-scopes', { realm: REALM })}/${scopeId}/scope-mappings`)).json).toEqual({});
    expect((await server.call('GET', `${routePath('admin.roles-by-id', { realm: REALM, proxy: reader!.id! })}`)).status).toBe(404);
    // UserSessionProvider.onClientRemoved: the client's sessions go, the user session stays.
    expect(await server.store.get(clientSessionKey(realm.realm.id, sessionId, id, false))).toBeUndefined();
    expect(await server.store.get(userSessionKey(realm.realm.id, sessionId, false))).toBeDefined();
  });
});
