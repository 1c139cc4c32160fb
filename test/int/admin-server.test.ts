import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTypes } from '../../shared/admin/events/event-types.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { supportedMapperIds } from '../../shared/oidc/mappers/registry.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { UsersRepository } from '../../shared/store/users.js';
import { ADMIN, startAdminServer, type AdminServer } from '../support/admin-fixture.js';
import { addUser, clientNamed, createFixtureRealm } from '../support/realm-builder.js';

let server: AdminServer;
const REALM = 'server-realm';
let realmId: string;

beforeAll(async () => {
  server = await startAdminServer();
  realmId = (await createFixtureRealm(server.store, keyProviders(), REALM)).realm.id;
  const management = await clientNamed(server.store, realmId, 'realm-management');
  const viewUsers = management.roles.find((role) => role.rep.name === 'view-users')!;
  await addUser(server.store, realmId, { username: 'ann', password: 'ann-Pass-1', firstName: 'Ann', lastName: 'Lee', roles: [{ roleId: viewUsers.rep.id!, clientUuid: management.client.rep.id }] });
  await addUser(server.store, realmId, { username: 'plain', password: 'plain-Pass-1' });
});
afterAll(() => server?.close());

describe('serverinfo', () => {
  it("describes the server's mappers, policies, key providers and enums to Keycloak's admin client", async () => {
    const info = await server.kc.serverInfo.find();
    expect(info.systemInfo?.version).toMatch(/^26\./);
    expect(info.systemInfo?.uptimeMillis).toBeGreaterThanOrEqual(0);
    expect(info.memoryInfo!.total).toBeGreaterThan(info.memoryInfo!.used);
    expect(info.profileInfo).toMatchObject({ name: 'community' });

    const mapperTypes = info.protocolMapperTypes!['openid-connect']!;
    expect(mapperTypes.map((type) => type.id).sort()).toEqual([...supportedMapperIds].sort());
    const userAttribute = mapperTypes.find((type) => type.id === 'oidc-usermodel-attribute-mapper')!;
    expect(userAttribute).toMatchObject({ name: 'User Attribute', category: 'Token mapper', priority: 0 });
    expect(userAttribute.properties.map((p) => p.name)).toEqual([
      'user.attribute',
      'claim.name',
      'jsonType.label',
      'id.token.claim',
      'access.token.claim',
      'lightweight.claim',
      'userinfo.token.claim',
      'introspection.token.claim',
      'multivalued',
      'aggregate.attrs',
    ]);
    const audience = mapperTypes.find((type) => type.id === 'oidc-audience-mapper')!;
    expect(audience.properties.map((p) => p.name)).not.toContain('userinfo.token.claim');

    expect(info.builtinProtocolMappers!['openid-connect']!.map((mapper) => mapper.name)).toEqual(expect.arrayContaining(['email', 'username', 'family name']));
    expect(info.enums!['eventType']).toEqual(eventTypes);
    expect(info.enums!['operationType']).toEqual(['CREATE', 'UPDATE', 'DELETE', 'ACTION']);
    expect(info.enums!['resourceType']).toContain('USER_LOGIN_FAILURE');
    expect(info.passwordPolicies!.find((policy) => policy.id === 'length')).toEqual({ id: 'length', displayName: 'Minimum length', configType: 'int', defaultValue: '8', multipleSupported: false });
    expect(info.componentTypes!['org.keycloak.keys.KeyProvider']!.map((type) => type.id)).toEqual(expect.arrayContaining(['rsa-generated', 'hmac-generated']));
    expect(info.cryptoInfo?.clientSignatureAsymmetricAlgorithms).toContain('RS256');
  });

  it('needs an authenticated admin', async () => {
    expect((await server.call('GET', routePath('admin.serverinfo'), { token: '' })).status).toBe(401);
    const plain = await server.token('plain', 'plain-Pass-1', REALM);
    expect((await server.call('GET', routePath('admin.serverinfo'), { token: plain })).status).toBe(403);
    const ann = await server.token('ann', 'ann-Pass-1', REALM);
    expect((await server.call('GET', routePath('admin.serverinfo'), { token: ann })).status).toBe(200);
  });
});

describe('whoami', () => {
  it("tells the master admin its rights over the console's current realm", async () => {
    const master = (await loadRealmConfig(server.store, 'master'))!;
    const adminId = await new UsersRepository(server.store).idForUsername(master.realm.id, ADMIN.username);
    const me = await server.kc.whoAmI.find();
    expect(me).toMatchObject({ userId: adminId, realm: 'master', displayName: ADMIN.username, locale: 'en', createRealm: true, temporary: false });
    expect(Object.keys(me.realm_access)).toEqual(['master']);
    expect(me.realm_access['master']).toEqual(expect.arrayContaining(['manage-users', 'view-events', 'create-client']));

    const other = await server.kc.whoAmI.find({ currentRealm: REALM });
    expect(Object.keys(other.realm_access)).toEqual([REALM]);
    expect(other.realm_access[REALM]).toEqual(expect.arrayContaining(['manage-realm', 'query-users']));
    const missing = await server.call('GET', `${routePath('admin.whoami', { realm: 'master' })}?currentRealm=nope`);
    expect(missing.status).toBe(404);
  });

  it("tells a realm's own admin its realm-management roles, composites expanded", async () => {
    const ann = await server.token('ann', 'ann-Pass-1', REALM);
    const me = await server.call('GET', routePath('admin.whoami', { realm: REALM }), { token: ann });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ realm: REALM, displayName: 'Ann Lee', createRealm: false, temporary: false });
    expect(me.json.realm_access).toEqual({ [REALM]: ['query-groups', 'query-users', 'view-users'] });
    // A token is authenticated only by the realm that issued it.
    expect((await server.call('GET', routePath('admin.whoami', { realm: 'master' }), { token: ann })).status).toBe(401);
  });
});
