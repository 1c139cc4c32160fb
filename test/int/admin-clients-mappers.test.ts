import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;
let realm: RealmConfig;
let clientUuid: string;
let userId: string;
const REALM = 'mapped';
const clients = () => routePath('admin.clients', { realm: REALM });

const hardcoded = (name: string, value: string) => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-hardcoded-claim-mapper',
  config: { 'claim.name': name, 'claim.value': value, 'jsonType.label': 'String', 'access.token.claim': 'true', 'id.token.claim': 'true', 'userinfo.token.claim': 'true' },
});

beforeAll(async () => {
  server = await startAdminServer();
  const created = await createRealm(realmCreation(server.store, keyProviders()), { realm: REALM, enabled: true });
  realm = (await loadRealmConfig(server.store, created.id))!;
  server.kc.setConfig({ realmName: REALM });
  ({ id: clientUuid } = await server.kc.clients.create({ clientId: 'api', secret: 'api-secret', serviceAccountsEnabled: true, directAccessGrantsEnabled: true }));
  ({ id: userId } = await createUser(server.store, realm, { username: 'alice', email: 'alice@example.com', password: 'alice-Pass-1' }));
});
afterAll(() => server?.close());

async function token(form: Record<string, string>): Promise<Record<string, any>> {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'api', client_secret: 'api-secret', ...form }),
  });
  const json = (await response.json()) as Record<string, any>;
  expect(response.status, JSON.stringify(json)).toBe(200);
  return json;
}
const claimsOf = (jwt: string): Record<string, any> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
const serviceToken = async () => claimsOf((await token({ grant_type: 'client_credentials' })).access_token);

describe('protocol mappers of a client', () => {
  it('adds a hardcoded claim that the very next token carries, updates and removes it', async () => {
    expect((await serviceToken())['team']).toBeUndefined();
    await server.kc.clients.addProtocolMapper({ id: clientUuid }, hardcoded('team', 'payments'));
    expect((await serviceToken())['team']).toBe('payments');

    const [mapper] = await server.kc.clients.listProtocolMappers({ id: clientUuid });
    expect(mapper).toMatchObject({ name: 'team', protocol: 'openid-connect', protocolMapper: 'oidc-hardcoded-claim-mapper', consentRequired: false });
    expect(await server.kc.clients.findProtocolMapperById({ id: clientUuid, mapperId: mapper!.id! })).toEqual(mapper);
    expect(await server.kc.clients.findProtocolMappersByProtocol({ id: clientUuid, protocol: 'openid-connect' })).toEqual([mapper]);
    expect(await server.kc.clients.findProtocolMappersByProtocol({ id: clientUuid, protocol: 'saml' })).toEqual([]);
    expect((await server.kc.clients.findOne({ id: clientUuid }))!.protocolMappers).toEqual([mapper]);

    await server.kc.clients.updateProtocolMapper({ id: clientUuid, mapperId: mapper!.id! }, { ...mapper, config: { ...mapper!.config, 'claim.value': 'billing' } });
    expect((await serviceToken())['team']).toBe('billing');
    await server.kc.clients.delProtocolMapper({ id: clientUuid, mapperId: mapper!.id! });
    expect((await serviceToken())['team']).toBeUndefined();
    expect(await server.kc.clients.listProtocolMappers({ id: clientUuid })).toEqual([]);
  });

  it('adds several at once and refuses duplicates, unknown providers and unknown ids', async () => {
    await server.kc.clients.addMultipleProtocolMappers({ id: clientUuid }, [hardcoded('a', '1'), hardcoded('b', '2')]);
    expect((await server.kc.clients.listProtocolMappers({ id: clientUuid })).map((m) => m.name).sort()).toEqual(['a', 'b']);
    const models = `${clients()}/${clientUuid}/protocol-mappers/models`;
    const duplicate = await server.call('POST', models, { body: hardcoded('a', '3') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toEqual({ errorMessage: 'Protocol mapper exists with same name' });
    const unknown = await server.call('POST', models, { body: { ...hardcoded('c', '1'), protocolMapper: 'no-such-mapper' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'ProtocolMapper provider not found' });
    const unsupported = await server.call('POST', models, { body: { ...hardcoded('c', '1'), protocolMapper: 'oidc-claims-param-token-mapper' } });
    expect(unsupported.status).toBe(400);
    const missing = await server.call('GET', `${models}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'Model not found' });
    const created = await server.call('POST', models, { body: hardcoded('c', '1') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`${models}/[0-9a-f-]{36}$`));
    for (const mapper of await server.kc.clients.listProtocolMappers({ id: clientUuid })) await server.kc.clients.delProtocolMapper({ id: clientUuid, mapperId: mapper.id! });
  });
});

describe('evaluate-scopes', () => {
  it("lists the mappers a token would run, with the client's own first", async () => {
    await server.kc.clients.addProtocolMapper({ id: clientUuid }, hardcoded('tier', 'gold'));
    const mappers = (await server.kc.clients.evaluateListProtocolMapper({ id: clientUuid, scope: 'openid phone' })) as Array<Record<string, string>>;
    expect(mappers[0]).toMatchObject({ mapperName: 'tier', containerId: clientUuid, containerName: '', containerType: 'client', protocolMapper: 'oidc-hardcoded-claim-mapper' });
    const containers = new Set(mappers.filter((m) => m['containerType'] === 'client-scope').map((m) => m['containerName']));
    expect([...containers].sort()).toEqual(['acr', 'basic', 'email', 'phone', 'profile', 'roles', 'service_account', 'web-origins']);
  });

  it('generates example tokens and userinfo for a user with the real token code', async () => {
    const access = await server.kc.clients.evaluateGenerateAccessToken({ id: clientUuid, scope: 'openid', userId, audience: '' });
    expect(access).toMatchObject({ typ: 'Bearer', azp: 'api', sub: userId, preferred_username: 'alice', email: 'alice@example.com', tier: 'gold' });
    expect(String(access['scope']).split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(access['iss']).toBe(`${server.baseUrl}/realms/${REALM}`);
    const id = await server.kc.clients.evaluateGenerateIdToken({ id: clientUuid, scope: '', userId });
    expect(id).toMatchObject({ typ: 'ID', aud: 'api', sub: userId, preferred_username: 'alice', tier: 'gold' });
    const userinfo = await server.kc.clients.evaluateGenerateUserInfo({ id: clientUuid, scope: 'openid', userId });
    expect(userinfo).toMatchObject({ sub: userId, preferred_username: 'alice', tier: 'gold' });
    expect(Object.keys(userinfo)[0]).toBe('sub');
    const noUser = await server.call('GET', `${clients()}/${clientUuid}/evaluate-scopes/generate-example-access-token`);
    expect(noUser.status).toBe(404);
    expect(noUser.json).toEqual({ error: 'No userId provided' });
    expect((await server.call('GET', `${clients()}/${clientUuid}/evaluate-scopes/generate-example-id-token?userId=nobody`)).json).toEqual({ error: 'No user found' });
  });

  it("needs view-users besides view-clients for a user's example token, as getUserModel does", async () => {
    const management = (await new ClientsRepository(server.store).loadByClientId(realm.realm.id, 'realm-management'))!;
    const role = (name: string) => ({ roleId: management.roles.find((r) => r.rep.name === name)!.rep.id, clientUuid: management.client.rep.id });
    const fresh = (await loadRealmConfig(server.store, realm.realm.id))!;
    await createUser(server.store, fresh, { username: 'client-viewer', password: 'viewer-Pass-1', roles: [role('view-clients')] });
    await createUser(server.store, fresh, { username: 'both-viewer', password: 'viewer-Pass-1', roles: [role('view-clients'), role('view-users')] });
    const example = `${clients()}/${clientUuid}/evaluate-scopes/generate-example-access-token?scope=openid&userId=${userId}`;
    const clientsOnly = await server.token('client-viewer', 'viewer-Pass-1', REALM);
    expect((await server.call('GET', `${clients()}/${clientUuid}/evaluate-scopes/protocol-mappers?scope=openid`, { token: clientsOnly })).status).toBe(200);
    expect(await server.call('GET', example, { token: clientsOnly })).toMatchObject({ status: 403, json: { error: 'You have no access to this user' } });
    expect((await server.call('GET', example.replace(userId, 'nobody'), { token: clientsOnly })).status).toBe(403);
    expect((await server.call('GET', example.replace('generate-example-access-token', 'generate-example-userinfo'), { token: clientsOnly })).status).toBe(403);
    const both = await server.call('GET', example, { token: await server.token('both-viewer', 'viewer-Pass-1', REALM) });
    expect(both).toMatchObject({ status: 200, json: { preferred_username: 'alice' } });
  });

  it('splits a role container into granted and not-granted roles by the client scope', async () => {
    const all = await server.kc.clients.evaluatePermission({ id: clientUuid, roleContainer: REALM, type: 'granted', scope: '' });
    expect(all.map((role) => role.name).sort()).toEqual([`default-roles-${REALM}`, 'offline_access', 'uma_authorization']);
    await server.kc.clients.update({ id: clientUuid }, { fullScopeAllowed: false });
    const granted = await server.kc.clients.evaluatePermission({ id: clientUuid, roleContainer: REALM, type: 'granted', scope: 'offline_access' });
    expect(granted.map((role) => role.name)).toEqual(['offline_access']);
    const notGranted = await server.kc.clients.evaluatePermission({ id: clientUuid, roleContainer: REALM, type: 'not-granted', scope: '' });
    expect(notGranted.map((role) => role.name).sort()).toEqual([`default-roles-${REALM}`, 'offline_access', 'uma_authorization']);
    const unknown = await server.call('GET', `${clients()}/${clientUuid}/evaluate-scopes/scope-mappings/nowhere/granted`);
    expect(unknown.json).toEqual({ error: 'Role Container not found' });
    await server.kc.clients.update({ id: clientUuid }, { fullScopeAllowed: true });
  });
});

describe("a client's sessions", () => {
  it('lists and counts the online and offline sessions holding the client', async () => {
    expect(await server.kc.clients.getSessionCount({ id: clientUuid })).toEqual({ count: 0 });
    await token({ grant_type: 'password', username: 'alice', password: 'alice-Pass-1' });
    await token({ grant_type: 'password', username: 'alice', password: 'alice-Pass-1', scope: 'offline_access' });
    expect(await server.kc.clients.getSessionCount({ id: clientUuid })).toEqual({ count: 1 });
    expect(await server.kc.clients.getOfflineSessionCount({ id: clientUuid })).toEqual({ count: 1 });
    const [session] = await server.kc.clients.listSessions({ id: clientUuid });
    expect(session).toMatchObject({ username: 'alice', userId, rememberMe: false, clients: { [clientUuid]: 'api' } });
    expect(session!.start).toBeGreaterThan(Date.now() - 60_000);
    expect(await server.kc.clients.listOfflineSessions({ id: clientUuid })).toHaveLength(1);
    expect(await server.kc.clients.listSessions({ id: clientUuid, first: 1 })).toEqual([]);
  });
});
