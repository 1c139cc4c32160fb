import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createClient } from '../../shared/realm/create-client.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { UsersRepository } from '../../shared/store/users.js';
import { realmAdminToken, recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;
let realmId: string;
let appUuid: string;
const REALM = 'acme';
const roles = () => routePath('admin.roles', { realm: REALM });
const rolePath = (...rest: string[]) => routePath('admin.roles.rest', { realm: REALM, proxy: rest.join('/') });
const byIdPath = (...rest: string[]) => routePath('admin.roles-by-id', { realm: REALM, proxy: rest.join('/') });
const fresh = async (): Promise<RealmConfig> => (await loadRealmConfig(server.store, realmId))!;

beforeAll(async () => {
  server = await startAdminServer();
  const created = await createRealm(realmCreation(server.store, keyProviders()), { realm: REALM, enabled: true, adminEventsEnabled: true, adminEventsDetailsEnabled: true });
  realmId = created.id;
  appUuid = (await createClient(server.store, await fresh(), { clientId: 'app', publicClient: true, directAccessGrantsEnabled: true })).id;
  server.kc.setConfig({ realmName: REALM });
});
afterAll(() => server?.close());

const adminEvents = () => recentAdminEvents(server.store, realmId);

const adminWith = (username: string, rights: string[]) => realmAdminToken(server, { id: realmId, name: REALM }, username, rights);

describe('realm roles by name', () => {
  it('creates, reads, lists, searches, renames and deletes a role through the admin client', async () => {
    expect(await server.kc.roles.create({ name: 'editor', description: 'Edits things', attributes: { team: ['blue'] } })).toEqual({ roleName: 'editor' });
    const editor = await server.kc.roles.findOneByName({ name: 'editor' });
    expect(editor).toEqual({
      id: expect.any(String),
      name: 'editor',
      description: 'Edits things',
      composite: false,
      clientRole: false,
      containerId: realmId,
      attributes: { team: ['blue'] },
    });
    const listed = await server.kc.roles.find();
    expect(listed.map((role) => role.name)).toEqual(['default-roles-acme', 'editor', 'offline_access', 'uma_authorization']);
    expect(listed.find((role) => role.name === 'editor')).not.toHaveProperty('attributes');
    expect((await server.kc.roles.find({ search: 'EDIT' } as never)).map((role) => role.name)).toEqual(['editor']);
    expect((await server.kc.roles.find({ first: 1, max: 2 } as never)).map((role) => role.name)).toEqual(['editor', 'offline_access']);

    await server.kc.roles.updateByName({ name: 'editor' }, { name: 'writer', description: 'Writes things' });
    expect(await server.kc.roles.findOneByName({ name: 'editor' })).toBeNull();
    expect(await server.kc.roles.findOneByName({ name: 'writer' })).toMatchObject({ id: editor!.id, description: 'Writes things', attributes: { team: ['blue'] } });
    // The old name is free again, the new one is taken.
    expect((await server.call('POST', roles(), { body: { name: 'editor' } })).status).toBe(201);
    expect(await server.call('POST', roles(), { body: { name: 'writer' } })).toMatchObject({ status: 409, json: { errorMessage: 'Role with name writer already exists' } });

    await server.kc.roles.delByName({ name: 'writer' });
    expect(await server.kc.roles.findOneByName({ name: 'writer' })).toBeNull();
    expect(await server.kc.roles.findOneById({ id: editor!.id! })).toBeNull();
  });

  it("answers Keycloak's statuses: 201 Location with the name, 409, 404, 400", async () => {
    const made = await server.call('POST', roles(), { body: { name: 'space role' } });
    expect(made.status).toBe(201);
    expect(made.headers.get('location')).toBe(`${server.baseUrl}${rolePath('space role')}`);
    expect(await server.call('POST', roles(), { body: { name: 'space role' } })).toMatchObject({ status: 409, json: { errorMessage: 'Role with name space role already exists' } });
    expect(await server.call('GET', rolePath('nope'))).toMatchObject({ status: 404, json: { error: 'Could not find role' } });
    expect(await server.call('DELETE', rolePath('nope'))).toMatchObject({ status: 404 });
    expect(await server.call('POST', roles(), { body: { description: 'no name' } })).toMatchObject({ status: 400, json: { error: 'role has no name' } });
    expect(await server.call('POST', roles(), { body: { name: 'x', bogus: true } })).toMatchObject({ status: 400, json: { errorMessage: 'Unrecognized field "bogus"' } });
    expect(await server.call('PUT', rolePath('space role'), { body: { description: 'nameless' } })).toMatchObject({ status: 400, json: { error: 'role has no name' } });
    expect(await server.call('PUT', rolePath('space role'), { body: { name: 'offline_access' } })).toMatchObject({
      status: 409,
      json: { errorMessage: 'Role with name offline_access already exists' },
    });
  });

  it('refuses to delete the default role, by name and by id', async () => {
    const defaultRole = (await server.kc.roles.findOneByName({ name: 'default-roles-acme' }))!;
    const message = { errorMessage: 'default-roles-acme is default role of the realm and cannot be removed.' };
    expect(await server.call('DELETE', rolePath('default-roles-acme'))).toMatchObject({ status: 400, json: message });
    expect(await server.call('DELETE', byIdPath(defaultRole.id!))).toMatchObject({ status: 400, json: message });
    expect(await server.kc.roles.findOneByName({ name: 'default-roles-acme' })).toMatchObject({ composite: true });
  });
});

describe('client roles', () => {
  it("creates, lists, reads, updates and deletes a client's roles, apart from the realm's", async () => {
    expect(await server.kc.clients.createRole({ id: appUuid, name: 'viewer', description: 'Views' })).toEqual({ roleName: 'viewer' });
    await server.kc.clients.createRole({ id: appUuid, name: 'editor' });
    const viewer = (await server.kc.clients.findRole({ id: appUuid, roleName: 'viewer' }))!;
    expect(viewer).toMatchObject({ name: 'viewer', description: 'Views', composite: false, clientRole: true, containerId: appUuid, attributes: {} });
    expect((await server.kc.clients.listRoles({ id: appUuid })).map((role) => role.name)).toEqual(['editor', 'viewer']);
    await server.kc.clients.updateRole({ id: appUuid, roleName: 'viewer' }, { name: 'reader' });
    expect(await server.kc.clients.findRole({ id: appUuid, roleName: 'viewer' })).toBeNull();
    expect(await server.kc.clients.findRole({ id: appUuid, roleName: 'reader' })).toMatchObject({ id: viewer.id });
    // A client role by id, through roles-by-id.
    expect(await server.kc.roles.findOneById({ id: viewer.id! })).toMatchObject({ name: 'reader', clientRole: true, containerId: appUuid });
    await server.kc.clients.delRole({ id: appUuid, roleName: 'reader' });
    expect(await server.kc.roles.findOneById({ id: viewer.id! })).toBeNull();
    expect(await server.call('GET', routePath('admin.clients.rest', { realm: REALM, proxy: `${appUuid}/roles/reader` }))).toMatchObject({
      status: 404,
      json: { error: 'Could not find role' },
    });
    expect(await server.call('GET', routePath('admin.clients.rest', { realm: REALM, proxy: 'no-such-client/roles' }))).toMatchObject({
      status: 404,
      json: { error: 'Could not find client' },
    });
  });
});

describe('composites and roles by id', () => {
  it('adds, lists by realm and by client, and removes composite children; cycles are fine', async () => {
    await server.kc.roles.create({ name: 'lead' });
    await server.kc.roles.create({ name: 'member' });
    await server.kc.clients.createRole({ id: appUuid, name: 'deploy' });
    const lead = (await server.kc.roles.findOneByName({ name: 'lead' }))!;
    const member = (await server.kc.roles.findOneByName({ name: 'member' }))!;
    const deploy = (await server.kc.clients.findRole({ id: appUuid, roleName: 'deploy' }))!;

    await server.kc.roles.createComposite({ roleId: lead.id! }, [member, deploy]);
    expect((await server.kc.roles.getCompositeRoles({ id: lead.id! })).map((role) => role.name)).toEqual(['deploy', 'member']);
    expect((await server.kc.roles.getCompositeRolesForRealm({ id: lead.id! })).map((role) => role.name)).toEqual(['member']);
    expect((await server.kc.roles.getCompositeRolesForClient({ id: lead.id!, clientId: appUuid })).map((role) => role.name)).toEqual(['deploy']);
    expect((await server.call('GET', rolePath('lead', 'composites', 'realm'))).json.map((role: { name: string }) => role.name)).toEqual(['member']);
    // roles-by-id composites with search / first / max: names containing the search (any case), paged.
    const composites = async (query: string) => ((await server.call('GET', `${byIdPath(lead.id!, 'composites')}${query}`)).json as { name: string }[]).map((role) => role.name);
    expect(await composites('?search=MEM')).toEqual(['member']);
    expect(await composites('?first=0&max=1')).toEqual(['deploy']);
    expect(await composites('?first=1&max=1')).toEqual(['member']);
    expect(await composites('?search=nothing')).toEqual([]);
    expect(await server.kc.roles.findOneById({ id: lead.id! })).toMatchObject({ composite: true });

    // member ⊃ lead ⊃ member: Keycloak allows the cycle; listings and expansion stay finite.
    await server.kc.roles.createComposite({ roleId: member.id! }, [lead]);
    expect((await server.kc.roles.getCompositeRoles({ id: member.id! })).map((role) => role.name)).toEqual(['lead']);
    // A client role can be a composite over realm roles.
    await server.kc.roles.createComposite({ roleId: deploy.id! }, [member]);
    expect((await server.call('GET', routePath('admin.clients.rest', { realm: REALM, proxy: `${appUuid}/roles/deploy/composites` }))).json).toEqual([
      expect.objectContaining({ name: 'member', clientRole: false }),
    ]);

    await server.kc.roles.delCompositeRoles({ id: lead.id! }, [deploy]);
    expect((await server.kc.roles.getCompositeRoles({ id: lead.id! })).map((role) => role.name)).toEqual(['member']);
    expect(await server.call('POST', byIdPath(lead.id!, 'composites'), { body: [{ id: 'no-such-role' }] })).toMatchObject({
      status: 404,
      json: { error: 'Could not find composite role' },
    });
    expect(await server.call('GET', byIdPath('no-such-role'))).toMatchObject({ status: 404, json: { error: 'Could not find role with id' } });
    expect(await server.call('GET', byIdPath(lead.id!, 'composites', 'clients', 'no-such-client'))).toMatchObject({ status: 404, json: { error: 'Could not find client' } });
  });

  it('creates a composite role from names (KEYCLOAK-12754) and 404s unknown ones', async () => {
    await server.kc.roles.create({ name: 'bundle', composite: true, composites: { realm: ['offline_access'], client: { app: ['deploy'], 'no-such-client': ['x'] } } });
    expect((await server.kc.roles.getCompositeRoles({ id: (await server.kc.roles.findOneByName({ name: 'bundle' }))!.id! })).map((role) => role.name)).toEqual([
      'deploy',
      'offline_access',
    ]);
    expect(await server.call('POST', roles(), { body: { name: 'broken', composite: true, composites: { realm: ['missing'] } } })).toMatchObject({
      status: 404,
      json: { errorMessage: 'Realm Role with name missing does not exist' },
    });
    expect(await server.kc.roles.findOneByName({ name: 'broken' })).toBeNull();
  });

  it('updates and deletes roles by id', async () => {
    await server.kc.roles.create({ name: 'temp' });
    const temp = (await server.kc.roles.findOneByName({ name: 'temp' }))!;
    await server.kc.roles.updateById({ id: temp.id! }, { name: 'temporary', description: 'short-lived' });
    expect(await server.kc.roles.findOneByName({ name: 'temporary' })).toMatchObject({ id: temp.id, description: 'short-lived' });
    await server.kc.roles.delById({ id: temp.id! });
    expect(await server.kc.roles.findOneById({ id: temp.id! })).toBeNull();
  });
});

describe('deleting a role', () => {
  it('takes it out of user and group mappings, composites and scope mappings', async () => {
    await server.kc.roles.create({ name: 'doomed' });
    await server.kc.roles.create({ name: 'parent' });
    await server.kc.clients.createRole({ id: appUuid, name: 'client-parent' });
    const doomed = (await server.kc.roles.findOneByName({ name: 'doomed' }))!;
    const parent = (await server.kc.roles.findOneByName({ name: 'parent' }))!;
    const clientParent = (await server.kc.clients.findRole({ id: appUuid, roleName: 'client-parent' }))!;
    await server.kc.roles.createComposite({ roleId: parent.id! }, [doomed]);
    await server.kc.roles.createComposite({ roleId: clientParent.id! }, [doomed]);
    const user = await createUser(server.store, await fresh(), { username: 'holder', roles: [{ roleId: doomed.id! }] });
    const { id: groupId } = await server.kc.groups.create({ name: 'holders' });
    await server.kc.groups.addRealmRoleMappings({ id: groupId, roles: [{ id: doomed.id!, name: 'doomed' }] });
    await server.kc.clients.addRealmScopeMappings({ id: appUuid }, [doomed]);
    const scopeId = (await server.kc.clientScopes.findOneByName({ name: 'profile' }))!.id!;
    await server.kc.clientScopes.addRealmScopeMappings({ id: scopeId }, [doomed]);
    expect((await server.kc.roles.findUsersWithRole({ name: 'doomed' })).map((holder) => holder.username)).toEqual(['holder']);
    expect((await server.call('GET', rolePath('doomed', 'groups'))).json).toEqual([
      { id: groupId, name: 'holders', path: '/holders', subGroups: [] },
    ]);

    await server.kc.roles.delByName({ name: 'doomed' });
    const data = (await new UsersRepository(server.store).load(realmId, user.id))!;
    expect(data.roleMappings.map((mapping) => mapping.roleId)).not.toContain(doomed.id);
    expect(await server.kc.groups.listRealmRoleMappings({ id: groupId })).toEqual([]);
    expect(await server.kc.roles.getCompositeRoles({ id: parent.id! })).toEqual([]);
    expect(await server.kc.roles.findOneById({ id: parent.id! })).toMatchObject({ composite: false });
    expect(await server.kc.roles.getCompositeRoles({ id: clientParent.id! })).toEqual([]);
    expect(await server.kc.clients.listRealmScopeMappings({ id: appUuid })).toEqual([]);
    expect(await server.kc.clientScopes.listRealmScopeMappings({ id: scopeId })).toEqual([]);
    // The name can be used again, for a role with nothing attached.
    await server.kc.roles.create({ name: 'doomed' });
    expect(await server.kc.roles.findUsersWithRole({ name: 'doomed' })).toEqual([]);
  });

  it('pages the users and groups holding a role with first / max, brief or full', async () => {
    await server.kc.roles.create({ name: 'crew' });
    const crew = (await server.kc.roles.findOneByName({ name: 'crew' }))!;
    for (const username of ['c-ann', 'c-bob', 'c-cid']) {
      await createUser(server.store, await fresh(), { username, email: `${username}@acme.example`, roles: [{ roleId: crew.id! }] });
    }
    for (const name of ['deck', 'galley', 'bridge']) {
      const { id } = await server.kc.groups.create({ name });
      await server.kc.groups.addRealmRoleMappings({ id, roles: [{ id: crew.id!, name: 'crew' }] });
    }
    const all = await server.kc.roles.findUsersWithRole({ name: 'crew' });
    expect(all.map((user) => user.username).sort()).toEqual(['c-ann', 'c-bob', 'c-cid']);
    expect(all[0]).toHaveProperty('requiredActions');
    const first = await server.kc.roles.findUsersWithRole({ name: 'crew', first: 0, max: 2 });
    const rest = await server.kc.roles.findUsersWithRole({ name: 'crew', first: 2, max: 2 });
    expect(first).toHaveLength(2);
    expect([...first, ...rest].map((user) => user.id).sort()).toEqual(all.map((user) => user.id).sort());
    const brief = (await server.call('GET', `${rolePath('crew', 'users')}?briefRepresentation=true&max=1`)).json as Record<string, unknown>[];
    expect(brief).toHaveLength(1);
    expect(Object.keys(brief[0]!)).not.toContain('requiredActions');

    const groups = async (query: string) => ((await server.call('GET', `${rolePath('crew', 'groups')}${query}`)).json as Record<string, any>[]);
    const allGroups = await groups('');
    expect(allGroups.map((group) => group.name).sort()).toEqual(['bridge', 'deck', 'galley']);
    expect(allGroups[0]).not.toHaveProperty('attributes');
    const page1 = await groups('?first=0&max=2');
    const page2 = await groups('?first=2&max=2');
    expect(page1).toHaveLength(2);
    expect([...page1, ...page2].map((group) => group.id).sort()).toEqual(allGroups.map((group) => group.id).sort());
    expect((await groups('?briefRepresentation=false'))[0]).toHaveProperty('attributes');
    expect(await server.call('GET', rolePath('nobody', 'users'))).toMatchObject({ status: 404, json: { error: 'Could not find role' } });
    expect(await server.call('GET', rolePath('nobody', 'groups'))).toMatchObject({ status: 404, json: { error: 'Could not find role' } });
  });
});

describe('permissions', () => {
  it('lets view-realm read realm roles but not change them; query-groups only list them', async () => {
    const viewer = await adminWith('realm-viewer', ['view-realm']);
    expect((await server.call('GET', rolePath('offline_access'), { token: viewer })).status).toBe(200);
    expect((await server.call('POST', roles(), { token: viewer, body: { name: 'sneaky' } })).status).toBe(403);
    expect((await server.call('GET', routePath('admin.clients.rest', { realm: REALM, proxy: `${appUuid}/roles` }), { token: viewer })).status).toBe(403);
    const querier = await adminWith('group-querier', ['query-groups']);
    expect((await server.call('GET', roles(), { token: querier })).status).toBe(200);
    expect((await server.call('GET', rolePath('offline_access'), { token: querier })).status).toBe(403);
    // Users in a role also take query-users.
    expect((await server.call('GET', rolePath('offline_access', 'users'), { token: viewer })).status).toBe(403);
  });

  it('lets manage-realm compose realm roles but not slip admin roles into them', async () => {
    const manager = await adminWith('realm-manager', ['manage-realm']);
    expect((await server.call('POST', roles(), { token: manager, body: { name: 'power' } })).status).toBe(201);
    const power = (await server.kc.roles.findOneByName({ name: 'power' }))!;
    const management = (await new ClientsRepository(server.store).loadByClientId(realmId, 'realm-management'))!;
    const manageUsers = management.roles.find((role) => role.rep.name === 'manage-users')!;
    const viewRealm = management.roles.find((role) => role.rep.name === 'view-realm')!;
    // A client role as a composite takes manage-clients; an admin role, the right it stands for.
    expect((await server.call('POST', byIdPath(power.id!, 'composites'), { token: manager, body: [{ id: manageUsers.rep.id }] })).status).toBe(403);
    expect((await server.call('POST', byIdPath(power.id!, 'composites'), { token: manager, body: [{ id: viewRealm.rep.id }] })).status).toBe(403);
    const both = await adminWith('realm-and-client-manager', ['manage-realm', 'manage-clients']);
    expect((await server.call('POST', byIdPath(power.id!, 'composites'), { token: both, body: [{ id: viewRealm.rep.id }] })).status).toBe(204);
    expect((await server.call('POST', byIdPath(power.id!, 'composites'), { token: both, body: [{ id: manageUsers.rep.id }] })).status).toBe(403);
  });
});

describe('admin events', () => {
  it('records role changes with their resource paths', async () => {
    await server.kc.roles.create({ name: 'audited' });
    const audited = (await server.kc.roles.findOneByName({ name: 'audited' }))!;
    await server.kc.roles.updateByName({ name: 'audited' }, { name: 'audited', description: 'changed' });
    await server.kc.roles.createComposite({ roleId: audited.id! }, [(await server.kc.roles.findOneByName({ name: 'offline_access' }))!]);
    await server.kc.clients.createRole({ id: appUuid, name: 'audited-client' });
    await server.kc.roles.delByName({ name: 'audited' });
    const events = (await adminEvents()).map((event) => [event.operationType, event.resourceType, event.resourcePath]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['CREATE', 'REALM_ROLE', 'roles/audited'],
        ['UPDATE', 'REALM_ROLE', 'roles/audited'],
        ['CREATE', 'REALM_ROLE', `roles-by-id/${audited.id}/composites`],
        ['CREATE', 'CLIENT_ROLE', `clients/${appUuid}/roles/audited-client`],
        ['DELETE', 'REALM_ROLE', 'roles/audited'],
      ]),
    );
    const created = (await adminEvents()).find((event) => event.resourcePath === 'roles/audited' && event.operationType === 'CREATE')!;
    expect(JSON.parse(created.representation)).toEqual({ id: audited.id, name: 'audited' });
  });
});
