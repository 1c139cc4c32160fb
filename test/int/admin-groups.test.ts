import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { defaultGroupMembershipWrites, groupCreationWrites, GroupsRepository } from '../../shared/store/groups.js';
import type { TransactWrite } from '../../shared/store/store.js';
import { UsersRepository } from '../../shared/store/users.js';
import { realmAdminToken, recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;
let realmId: string;
const REALM = 'acme';
const groups = () => routePath('admin.groups', { realm: REALM });
const groupPath = (...rest: string[]) => routePath('admin.groups.rest', { realm: REALM, proxy: rest.join('/') });
const fresh = async (): Promise<RealmConfig> => (await loadRealmConfig(server.store, realmId))!;
const ACCESS = { view: true, viewMembers: true, manageMembers: true, manage: true, manageMembership: true };

beforeAll(async () => {
  server = await startAdminServer();
  const created = await createRealm(realmCreation(server.store, keyProviders()), { realm: REALM, enabled: true, adminEventsEnabled: true, adminEventsDetailsEnabled: true });
  realmId = created.id;
  server.kc.setConfig({ realmName: REALM });
});
afterAll(() => server?.close());

const adminEvents = () => recentAdminEvents(server.store, realmId);

const adminWith = (username: string, rights: string[]) => realmAdminToken(server, { id: realmId, name: REALM }, username, rights);

describe('groups: create, read, list, search', () => {
  it('creates top-level groups and subgroups and reads them back as Keycloak does', async () => {
    const { id: engineering } = await server.kc.groups.create({ name: 'engineering', description: 'Builders', attributes: { site: ['berlin'] } });
    const { id: sales } = await server.kc.groups.create({ name: 'sales' });
    const { id: backend } = await server.kc.groups.createChildGroup({ id: engineering }, { name: 'backend', attributes: { site: ['paris'] } });
    const { id: databases } = await server.kc.groups.createChildGroup({ id: backend }, { name: 'databases' });

    expect(await server.kc.groups.findOne({ id: engineering })).toEqual({
      id: engineering,
      name: 'engineering',
      description: 'Builders',
      path: '/engineering',
      subGroupCount: 1,
      subGroups: [],
      attributes: { site: ['berlin'] },
      realmRoles: [],
      clientRoles: {},
      access: ACCESS,
    });
    expect(await server.kc.groups.findOne({ id: databases })).toMatchObject({ path: '/engineering/backend/databases', parentId: backend, subGroupCount: 0 });
    expect(await server.kc.groups.find()).toEqual([
      { id: engineering, name: 'engineering', description: 'Builders', path: '/engineering', subGroupCount: 1, subGroups: [], access: ACCESS },
      { id: sales, name: 'sales', path: '/sales', subGroupCount: 0, subGroups: [], access: ACCESS },
    ]);
    expect(await server.kc.groups.count()).toEqual({ count: 4 });
    expect(await server.kc.groups.count({ top: true } as never)).toEqual({ count: 2 });
    expect(await server.kc.groups.count({ search: 'BASE' })).toEqual({ count: 1 });

    const subGroups = await server.kc.groups.listSubGroups({ parentId: engineering });
    expect(subGroups).toEqual([
      expect.objectContaining({ id: backend, name: 'backend', path: '/engineering/backend', parentId: engineering, subGroupCount: 1, attributes: { site: ['paris'] }, realmRoles: [] }),
    ]);
    expect(await server.kc.groups.listSubGroups({ parentId: engineering, briefRepresentation: true })).toEqual([
      expect.not.objectContaining({ attributes: expect.anything() }),
    ]);
    expect(await server.kc.groups.listSubGroups({ parentId: engineering, search: 'nothing' } as never)).toEqual([]);
  });

  it('finds groups at any depth by name or attribute, inside their ancestors unless asked flat', async () => {
    const found = await server.kc.groups.find({ search: 'data' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: 'engineering', subGroups: [{ name: 'backend', subGroups: [{ name: 'databases', subGroups: [] }] }] });
    const flat = await server.kc.groups.find({ search: 'data', populateHierarchy: false });
    expect(flat.map((group) => group.path)).toEqual(['/engineering/backend/databases']);
    const byAttribute = await server.kc.groups.find({ q: 'site:paris', populateHierarchy: false } as never);
    expect(byAttribute.map((group) => group.name)).toEqual(['backend']);
    expect((await server.kc.groups.find({ search: 'backend', exact: true, populateHierarchy: false } as never)).map((group) => group.name)).toEqual(['backend']);
    expect(await server.kc.groups.find({ search: 'back', exact: true } as never)).toEqual([]);
    expect((await server.kc.groups.find({ first: 1, max: 1 })).map((group) => group.name)).toEqual(['sales']);
  });

  it("answers Keycloak's statuses: 201 Location, 409 siblings, 400 names, 404 ids", async () => {
    const made = await server.call('POST', groups(), { body: { name: 'ops' } });
    expect(made.status).toBe(201);
    const opsId = made.headers.get('location')!.split('/').pop()!;
    expect(made.headers.get('location')).toBe(`${server.baseUrl}${groupPath(opsId)}`);
    expect(await server.call('POST', groups(), { body: { name: 'ops' } })).toMatchObject({ status: 409, json: { errorMessage: "Top level group named 'ops' already exists." } });
    const child = await server.call('POST', groupPath(opsId, 'children'), { body: { name: 'oncall' } });
    expect(child.status).toBe(201);
    expect(child.json).toMatchObject({ name: 'oncall', path: '/ops/oncall', parentId: opsId, access: ACCESS });
    expect(child.headers.get('location')).toBe(`${server.baseUrl}${groupPath(child.json.id)}`);
    expect(await server.call('POST', groupPath(opsId, 'children'), { body: { name: 'oncall' } })).toMatchObject({
      status: 409,
      json: { errorMessage: "Sibling group named 'oncall' already exists." },
    });
    expect(await server.call('POST', groups(), { body: { name: '  ' } })).toMatchObject({ status: 400, json: { errorMessage: 'Group name is missing' } });
    expect(await server.call('PUT', groupPath(opsId), { body: { name: 'ops', id: 'other' } })).toMatchObject({ status: 400, json: { errorMessage: 'Invalid group id' } });
    expect(await server.call('PUT', groupPath(opsId), { body: { name: 'sales' } })).toMatchObject({ status: 409, json: { errorMessage: "Sibling group named 'sales' already exists." } });
    expect(await server.call('GET', groupPath('no-such-group'))).toMatchObject({ status: 404, json: { error: 'Could not find group by id' } });
    expect(await server.call('POST', groupPath(opsId, 'children'), { body: { name: 'x', id: 'no-such-group' } })).toMatchObject({
      status: 404,
      json: { error: 'Could not find child by id' },
    });
    expect(await server.call('POST', groups(), { body: { name: 'x', subGroupz: [] } })).toMatchObject({ status: 400, json: { errorMessage: 'Unrecognized field "subGroupz"' } });
  });
});

describe('groups: rename, move, delete', () => {
  it('renames a group and rewrites the paths of its whole subtree', async () => {
    const [engineering] = await server.kc.groups.find({ search: 'engineering', exact: true, populateHierarchy: false } as never);
    await server.kc.groups.update({ id: engineering!.id! }, { name: 'eng', attributes: { site: ['lyon'] } });
    const renamed = (await server.kc.groups.findOne({ id: engineering!.id! }))!;
    expect(renamed).toMatchObject({ name: 'eng', path: '/eng', attributes: { site: ['lyon'] } });
    expect(renamed).not.toHaveProperty('description');
    const [databases] = await server.kc.groups.find({ search: 'databases', populateHierarchy: false });
    expect(databases!.path).toBe('/eng/backend/databases');
    expect(await server.call('GET', routePath('admin.group-by-path', { realm: REALM, proxy: 'eng/backend/databases' }))).toMatchObject({
      status: 200,
      json: { id: databases!.id, path: '/eng/backend/databases', realmRoles: [] },
    });
    expect(await server.call('GET', routePath('admin.group-by-path', { realm: REALM, proxy: 'engineering/backend' }))).toMatchObject({
      status: 404,
      json: { error: 'Group path does not exist' },
    });
    // The old name is free again.
    expect((await server.call('POST', groups(), { body: { name: 'engineering' } })).status).toBe(201);
  });

  it('moves a group under another one and back to the top level, with its subtree', async () => {
    const [backend] = await server.kc.groups.find({ search: 'backend', exact: true, populateHierarchy: false } as never);
    const [sales] = await server.kc.groups.find({ search: 'sales', exact: true, populateHierarchy: false } as never);
    const moved = await server.call('POST', groupPath(sales!.id!, 'children'), { body: { id: backend!.id, name: 'backend' } });
    expect(moved.status).toBe(204);
    expect(await server.kc.groups.findOne({ id: backend!.id! })).toMatchObject({ parentId: sales!.id, path: '/sales/backend' });
    expect((await server.kc.groups.find({ search: 'databases', populateHierarchy: false }))[0]!.path).toBe('/sales/backend/databases');
    expect((await server.kc.groups.listSubGroups({ parentId: sales!.id! })).map((group) => group.name)).toEqual(['backend']);

    // Not into its own subtree.
    const [databases] = await server.kc.groups.find({ search: 'databases', populateHierarchy: false });
    expect(await server.call('POST', groupPath(databases!.id!, 'children'), { body: { id: backend!.id, name: 'backend' } })).toMatchObject({ status: 400 });

    await server.kc.groups.updateRoot({ id: backend!.id, name: 'backend' });
    expect(await server.kc.groups.findOne({ id: backend!.id! })).toMatchObject({ path: '/backend' });
    expect(await server.kc.groups.findOne({ id: backend!.id! })).not.toHaveProperty('parentId');
    expect((await server.kc.groups.find({ search: 'databases', populateHierarchy: false }))[0]!.path).toBe('/backend/databases');
    expect(await server.kc.groups.listSubGroups({ parentId: sales!.id! })).toEqual([]);
  });

  it('rewrites the paths of a subtree too large for one transaction', async () => {
    const { id: big } = await server.kc.groups.create({ name: 'big' });
    const writes: TransactWrite[] = [];
    for (let i = 0; i < 120; i++) {
      const name = `team-${String(i).padStart(3, '0')}`;
      writes.push(...groupCreationWrites(realmId, { id: randomUUID(), name, path: `/big/${name}`, parentId: big }));
    }
    for (let start = 0; start < writes.length; start += 100) await server.store.transact(writes.slice(start, start + 100));
    await server.kc.groups.update({ id: big }, { name: 'huge' });
    const children = await server.kc.groups.listSubGroups({ parentId: big, max: 200, briefRepresentation: true } as never);
    expect(children).toHaveLength(120);
    expect(children.every((child) => child.path === `/huge/${child.name}`)).toBe(true);
  });

  it('creates children through the admin client and pages them by name: 10 by default, then first / max, exact search', async () => {
    const { id: fleet } = await server.kc.groups.create({ name: 'fleet' });
    for (let i = 11; i >= 0; i--) await server.kc.groups.createChildGroup({ id: fleet }, { name: `ship-${String(i).padStart(2, '0')}` });
    const names = async (query: Record<string, unknown>) => (await server.kc.groups.listSubGroups({ parentId: fleet, ...query } as never)).map((group) => group.name);
    const all = Array.from({ length: 12 }, (_, i) => `ship-${String(i).padStart(2, '0')}`);
    expect(await names({})).toEqual(all.slice(0, 10));
    expect(await names({ first: 10 })).toEqual(all.slice(10));
    expect(await names({ first: 3, max: 2 })).toEqual(['ship-03', 'ship-04']);
    expect(await names({ search: 'SHIP-1' })).toEqual(['ship-10', 'ship-11']);
    expect(await names({ search: 'ship-1', exact: true })).toEqual([]);
    expect(await names({ search: 'ship-07', exact: true })).toEqual(['ship-07']);
    expect((await server.kc.groups.findOne({ id: fleet }))?.subGroupCount).toBe(12);
  });

  it('deletes a group with its subgroups, role mappings, memberships and default-group entry', async () => {
    const { id: doomed } = await server.kc.groups.create({ name: 'doomed' });
    const { id: inner } = await server.kc.groups.createChildGroup({ id: doomed }, { name: 'inner' });
    const offline = (await server.kc.roles.findOneByName({ name: 'offline_access' }))!;
    await server.kc.groups.addRealmRoleMappings({ id: inner, roles: [{ id: offline.id!, name: 'offline_access' }] });
    const user = await createUser(server.store, await fresh(), { username: 'insider', groupIds: [doomed, inner] });
    await server.kc.realms.addDefaultGroup({ realm: REALM, id: inner });

    await server.kc.groups.del({ id: doomed });
    expect(await server.kc.groups.findOne({ id: doomed })).toBeNull();
    expect(await server.kc.groups.findOne({ id: inner })).toBeNull();
    expect((await new UsersRepository(server.store).load(realmId, user.id))!.groupIds).toEqual([]);
    expect(await server.kc.realms.getDefaultGroups({ realm: REALM })).toEqual([]);
    expect((await server.call('GET', routePath('admin.roles.rest', { realm: REALM, proxy: 'offline_access/groups' }))).json).toEqual([]);
    expect(await server.kc.groups.find({ search: 'inner' })).toEqual([]);
    expect((await server.call('POST', groups(), { body: { name: 'doomed' } })).status).toBe(201);
    expect(await server.call('DELETE', groupPath(doomed))).toMatchObject({ status: 404 });
  });
});

describe('members and default groups', () => {
  it('lists direct members by username, paged, full or brief', async () => {
    const { id: crew } = await server.kc.groups.create({ name: 'crew' });
    for (const username of ['zoe', 'adam', 'mia']) await createUser(server.store, await fresh(), { username, email: `${username}@example.com`, groupIds: [crew] });
    const members = await server.kc.groups.listMembers({ id: crew });
    expect(members.map((member) => member.username)).toEqual(['adam', 'mia', 'zoe']);
    expect(members[0]).toMatchObject({ username: 'adam', email: 'adam@example.com', enabled: true, emailVerified: false, totp: false, requiredActions: [], notBefore: 0 });
    expect((await server.kc.groups.listMembers({ id: crew, first: 1, max: 1 })).map((member) => member.username)).toEqual(['mia']);
    const brief = await server.kc.groups.listMembers({ id: crew, briefRepresentation: true } as never);
    expect(brief[0]).not.toHaveProperty('requiredActions');
  });

  it('keeps default groups on the realm and gives new users their memberships', async () => {
    const { id: everyone } = await server.kc.groups.create({ name: 'everyone' });
    await server.kc.realms.addDefaultGroup({ realm: REALM, id: everyone });
    expect(await server.kc.realms.getDefaultGroups({ realm: REALM })).toEqual([{ id: everyone, name: 'everyone', path: '/everyone', subGroups: [] }]);
    expect(await server.call('PUT', routePath('admin.default-groups.rest', { realm: REALM, proxy: 'no-such-group' }))).toMatchObject({
      status: 404,
      json: { error: 'Group not found' },
    });
    const user = await createUser(server.store, await fresh(), { username: 'newcomer' });
    await server.store.transact(await defaultGroupMembershipWrites(server.store, realmId, user.id, user.username));
    expect((await server.kc.groups.listMembers({ id: everyone })).map((member) => member.username)).toEqual(['newcomer']);
    await server.kc.realms.removeDefaultGroup({ realm: REALM, id: everyone });
    expect(await server.kc.realms.getDefaultGroups({ realm: REALM })).toEqual([]);
    expect(await new GroupsRepository(server.store).defaultGroupIds(realmId)).toEqual([]);
  });
});

describe('permissions and events', () => {
  it('lets view-users read groups, manage-users change them, and query-groups only count them', async () => {
    const viewer = await adminWith('user-viewer', ['view-users']);
    const listed = await server.call('GET', groups(), { token: viewer });
    expect(listed.status).toBe(200);
    expect(listed.json[0].access).toEqual({ view: true, viewMembers: true, manageMembers: false, manage: false, manageMembership: false });
    expect((await server.call('POST', groups(), { token: viewer, body: { name: 'nope' } })).status).toBe(403);
    const querier = await adminWith('group-querier', ['query-groups']);
    expect(await server.call('GET', groups(), { token: querier })).toMatchObject({ status: 200, json: [] });
    expect((await server.call('GET', `${groups()}/count`, { token: querier })).json.count).toBeGreaterThan(0);
    expect((await server.call('GET', groupPath(listed.json[0].id), { token: querier })).status).toBe(403);
    const manager = await adminWith('user-manager', ['manage-users']);
    expect((await server.call('POST', groups(), { token: manager, body: { name: 'managed' } })).status).toBe(201);
    expect((await server.call('PUT', routePath('admin.default-groups.rest', { realm: REALM, proxy: listed.json[0].id }), { token: manager })).status).toBe(403);
  });

  it('records group changes with their resource paths', async () => {
    const { id: audited } = await server.kc.groups.create({ name: 'audited' });
    const { id: child } = await server.kc.groups.createChildGroup({ id: audited }, { name: 'child' });
    await server.kc.groups.update({ id: audited }, { name: 'audited-renamed' });
    await server.kc.groups.del({ id: audited });
    const events = (await adminEvents()).map((event) => [event.operationType, event.resourceType, event.resourcePath]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['CREATE', 'GROUP', `groups/${audited}`],
        ['CREATE', 'GROUP', `groups/${audited}/children`],
        ['UPDATE', 'GROUP', `groups/${audited}`],
        ['DELETE', 'GROUP', `groups/${audited}`],
      ]),
    );
    const created = (await adminEvents()).find((event) => event.resourcePath === `groups/${audited}/children`)!;
    expect(JSON.parse(created.representation)).toEqual({ name: 'child', id: child });
  });
});
