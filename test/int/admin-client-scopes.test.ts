import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;
let realm: RealmConfig;
const REALM = 'scoped';
const scopes = () => routePath('admin.client-scopes', { realm: REALM });

const hardcoded = (name: string, value: string) => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-hardcoded-claim-mapper',
  config: { 'claim.name': name, 'claim.value': value, 'jsonType.label': 'String', 'access.token.claim': 'true' },
});

beforeAll(async () => {
  server = await startAdminServer();
  const created = await createRealm(realmCreation(server.store, keyProviders()), { realm: REALM, enabled: true, adminEventsEnabled: true, adminEventsDetailsEnabled: true });
  realm = (await loadRealmConfig(server.store, created.id))!;
  server.kc.setConfig({ realmName: REALM });
});
afterAll(() => server?.close());

async function serviceClaims(clientId: string): Promise<Record<string, any>> {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientId}-secret` }),
  });
  const json = (await response.json()) as Record<string, any>;
  expect(response.status, JSON.stringify(json)).toBe(200);
  return JSON.parse(Buffer.from(String(json['access_token']).split('.')[1]!, 'base64url').toString('utf8'));
}

const adminEvents = () => recentAdminEvents(server.store, realm.realm.id);

describe('client scopes: CRUD', () => {
  it("lists the realm's built-in scopes with their mappers", async () => {
    const all = await server.kc.clientScopes.find();
    const profile = all.find((scope) => scope.name === 'profile')!;
    expect(profile).toMatchObject({ protocol: 'openid-connect', description: 'OpenID Connect built-in scope: profile' });
    expect(profile.protocolMappers!.map((m) => m.name)).toContain('username');
    expect(all.find((scope) => scope.name === 'offline_access')!.protocolMappers).toBeUndefined();
  });

  it('creates, reads, renames and refuses duplicates and bad names', async () => {
    const { id } = await server.kc.clientScopes.create({ name: 'billing', protocol: 'openid-connect', description: 'Billing', attributes: { 'include.in.token.scope': 'true' }, protocolMappers: [hardcoded('plan', 'pro')] });
    const scope = (await server.kc.clientScopes.findOne({ id }))!;
    expect(Object.keys(scope)).toEqual(['id', 'name', 'description', 'protocol', 'attributes', 'protocolMappers']);
    expect(scope).toMatchObject({ id, name: 'billing', description: 'Billing', protocol: 'openid-connect', attributes: { 'include.in.token.scope': 'true' } });
    expect(scope.protocolMappers![0]).toMatchObject({ name: 'plan', protocolMapper: 'oidc-hardcoded-claim-mapper', consentRequired: false });

    const duplicate = await server.call('POST', scopes(), { body: { name: 'billing', protocol: 'openid-connect' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toEqual({ errorMessage: 'Client Scope billing already exists' });
    const spaced = await server.call('POST', scopes(), { body: { name: 'has space', protocol: 'openid-connect' } });
    expect(spaced.status).toBe(400);
    expect(spaced.json).toEqual({ errorMessage: 'Unexpected name "has space" for ClientScope' });
    const noProtocol = await server.call('POST', scopes(), { body: { name: 'bare' } });
    expect(noProtocol.json).toEqual({ errorMessage: 'Unexpected protocol' });

    await server.kc.clientScopes.update({ id }, { name: 'invoicing', attributes: { 'display.on.consent.screen': 'false' } });
    expect(await server.kc.clientScopes.findOne({ id })).toMatchObject({
      name: 'invoicing',
      description: 'Billing',
      attributes: { 'include.in.token.scope': 'true', 'display.on.consent.screen': 'false' },
    });
    await server.kc.clientScopes.create({ name: 'billing', protocol: 'openid-connect' });
    const clash = await server.call('PUT', `${scopes()}/${id}`, { body: { name: 'billing' } });
    expect(clash.status).toBe(409);
    expect(clash.json).toEqual({ errorMessage: 'Client Scope billing already exists' });
    expect((await server.call('GET', `${scopes()}/nope`)).json).toEqual({ error: 'Could not find client scope' });

    const events = await adminEvents();
    expect(events.find((event) => event.resourcePath === `client-scopes/${id}` && event.operationType === 'UPDATE')).toMatchObject({ resourceType: 'CLIENT_SCOPE' });
  });

  it('gives view-clients read access only, and query-clients an empty list', async () => {
    const management = (await new ClientsRepository(server.store).loadByClientId(realm.realm.id, 'realm-management'))!;
    const role = (name: string) => ({ roleId: management.roles.find((r) => r.rep.name === name)!.rep.id, clientUuid: management.client.rep.id });
    const fresh = (await loadRealmConfig(server.store, realm.realm.id))!;
    await createUser(server.store, fresh, { username: 'viewer', password: 'viewer-Pass-1', roles: [role('view-clients')] });
    await createUser(server.store, fresh, { username: 'querier', password: 'querier-Pass-1', roles: [role('query-clients')] });
    const viewer = await server.token('viewer', 'viewer-Pass-1', REALM);
    const querier = await server.token('querier', 'querier-Pass-1', REALM);
    const listed = await server.call('GET', scopes(), { token: viewer });
    expect(listed.status).toBe(200);
    expect(listed.json.length).toBeGreaterThan(5);
    expect((await server.call('POST', scopes(), { token: viewer, body: { name: 'x', protocol: 'openid-connect' } })).status).toBe(403);
    expect((await server.call('GET', scopes(), { token: querier })).json).toEqual([]);
  });
});

describe('client scope mappers and assignments reach tokens', () => {
  it("puts a scope's mapper in the next token once the scope is a client's default, and removes it with the scope", async () => {
    const { id: clientId } = await server.kc.clients.create({ clientId: 'svc', secret: 'svc-secret', serviceAccountsEnabled: true });
    const { id } = await server.kc.clientScopes.create({ name: 'tenant', protocol: 'openid-connect' });
    await server.kc.clientScopes.addProtocolMapper({ id }, hardcoded('tenant', 'acme'));
    const [mapper] = await server.kc.clientScopes.listProtocolMappers({ id });
    expect(await server.kc.clientScopes.findProtocolMapper({ id, mapperId: mapper!.id! })).toEqual(mapper);
    expect((await serviceClaims('svc'))['tenant']).toBeUndefined();

    await server.kc.clients.addDefaultClientScope({ id: clientId, clientScopeId: id });
    expect((await serviceClaims('svc'))['tenant']).toBe('acme');
    await server.kc.clientScopes.updateProtocolMapper({ id, mapperId: mapper!.id! }, { ...mapper, config: { ...mapper!.config, 'claim.value': 'globex' } });
    expect((await serviceClaims('svc'))['tenant']).toBe('globex');

    await server.kc.clientScopes.addDefaultClientScope({ id });
    expect((await server.kc.clientScopes.listDefaultClientScopes()).map((s) => s.name)).toContain('tenant');
    await server.kc.clientScopes.del({ id });
    expect((await serviceClaims('svc'))['tenant']).toBeUndefined();
    expect((await server.kc.clients.listDefaultClientScopes({ id: clientId })).map((s) => s.name)).not.toContain('tenant');
    expect((await server.kc.clientScopes.listDefaultClientScopes()).map((s) => s.name)).not.toContain('tenant');
    expect((await server.call('GET', `${scopes()}/${id}`)).status).toBe(404);
  });

  it("gives new clients the realm's default and optional scopes as they are now", async () => {
    const { id } = await server.kc.clientScopes.create({ name: 'audit', protocol: 'openid-connect' });
    await server.kc.clientScopes.addDefaultOptionalClientScope({ id });
    expect(await server.kc.clientScopes.listDefaultOptionalClientScopes()).toEqual(expect.arrayContaining([{ id, name: 'audit', protocol: 'openid-connect' }]));
    const email = realm.clientScopes.find((scope) => scope.rep.name === 'email')!.rep.id;
    await server.kc.clientScopes.delDefaultClientScope({ id: email });
    const { id: clientId } = await server.kc.clients.create({ clientId: 'newcomer' });
    const client = (await server.kc.clients.findOne({ id: clientId }))!;
    expect(client.optionalClientScopes).toContain('audit');
    expect(client.defaultClientScopes).not.toContain('email');
    await server.kc.clientScopes.delDefaultOptionalClientScope({ id });
    await server.kc.clientScopes.addDefaultClientScope({ id: email });
    expect((await server.kc.clientScopes.listDefaultOptionalClientScopes()).map((s) => s.name)).not.toContain('audit');
    const unknown = await server.call('PUT', `${routePath('admin.default-default-client-scopes', { realm: REALM })}/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'Client scope not found' });
    const events = await adminEvents();
    expect(events.find((event) => event.resourcePath === `default-optional-client-scopes/${id}` && event.operationType === 'CREATE')).toMatchObject({ resourceType: 'CLIENT_SCOPE' });
  });
});
