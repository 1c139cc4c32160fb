import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { kc, login, ROOT, startAdminClientRuntime, statusOf, useRealm } from '../support/admin-client-e2e.js';

/**
 * Issue 4's Done-when, part 2: Keycloak's own admin client drives clients, client scopes, attack
 * detection, events and server info against `npm start` (test/support/admin-client-e2e.ts). One realm
 * per describe; every assertion is on what the client gets back.
 */
startAdminClientRuntime();

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
