import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';
import { addUser, clientNamed, ConfigBatch, createFixtureRealm } from '../support/realm-builder.js';

let server: AdminServer;
let people: RealmConfig;
let staff: { id: string; path: string };
const realm = 'people';

beforeAll(async () => {
  server = await startAdminServer();
  people = await createFixtureRealm(server.store, keyProviders(), realm, {
    realm: { adminEventsEnabled: true, adminEventsDetailsEnabled: true, passwordPolicy: 'length(8) and notUsername(undefined)' },
  });
  const batch = new ConfigBatch(people.realm.id);
  staff = batch.group('staff');
  await batch.commit(server.store);
});
afterAll(() => server?.close());

const usersPath = () => routePath('admin.users', { realm });
const userPath = (id: string, rest = '') => `${routePath('admin.users.rest', { realm, proxy: id })}${rest}`;

const adminEvents = () => recentAdminEvents(server.store, people.realm.id);

async function passwordLogin(username: string, password: string): Promise<Response> {
  return fetch(`${server.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
  });
}

describe('creating users (UsersResource.createUser)', () => {
  it("round-trips a full representation through Keycloak's admin client", async () => {
    const { id } = await server.kc.users.create({
      realm,
      username: 'Alice',
      email: 'Alice@Example.com',
      firstName: 'Alice',
      lastName: 'Liddell',
      enabled: true,
      attributes: { dept: 'eng', langs: ['en', 'fr'] },
      requiredActions: ['VERIFY_EMAIL', 'NOT_AN_ACTION'],
      groups: [staff.path],
      credentials: [{ type: 'password', value: 'Wonderland-1', temporary: false }],
    });
    const alice = await server.kc.users.findOne({ realm, id });
    expect(alice).toMatchObject({
      id,
      username: 'alice',
      email: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'Liddell',
      emailVerified: false,
      enabled: true,
      attributes: { dept: ['eng'], langs: ['en', 'fr'] },
      requiredActions: ['VERIFY_EMAIL'],
      totp: false,
      notBefore: 0,
      access: { view: true, manage: true, mapRoles: true, manageGroupMembership: true, impersonate: true },
    });
    expect(typeof alice?.createdTimestamp).toBe('number');
    expect((await server.kc.users.listGroups({ realm, id })).map((group) => group.path)).toEqual(['/staff']);
    const credentials = await server.kc.users.getCredentials({ realm, id });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ type: 'password' });
    expect(credentials[0]).not.toHaveProperty('secretData');
  });

  it("applies Keycloak's defaults: disabled, unverified, no actions, the realm's default role; 201 with the id in Location", async () => {
    const answer = await server.call('POST', usersPath(), { body: { username: 'bob' } });
    expect(answer.status).toBe(201);
    const id = answer.headers.get('location')!.split('/').at(-1)!;
    expect(answer.headers.get('location')).toBe(`${server.baseUrl}${userPath(id)}`);
    const bob = (await server.call('GET', userPath(id))).json;
    expect(bob).toMatchObject({ username: 'bob', enabled: false, emailVerified: false, requiredActions: [], disableableCredentialTypes: [] });
    expect(bob).not.toHaveProperty('email');
    expect(bob).not.toHaveProperty('attributes');
    const roles = await server.kc.users.listRealmRoleMappings({ realm, id }).catch(() => undefined);
    if (roles) expect(roles.map((role) => role.name)).toContain(`default-roles-${realm}`);
  });

  it('refuses a taken username or email with 409 and Keycloak’s messages, in any case', async () => {
    await server.kc.users.create({ realm, username: 'carl', email: 'carl@example.com' });
    const sameName = await server.call('POST', usersPath(), { body: { username: 'CARL' } });
    expect(sameName.status).toBe(409);
    expect(sameName.json).toEqual({ errorMessage: 'User exists with same username' });
    const sameEmail = await server.call('POST', usersPath(), { body: { username: 'carl2', email: 'Carl@Example.com' } });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.json).toEqual({ errorMessage: 'User exists with same email' });
  });

  it('answers 400 for unknown fields, wrong types, a missing username, a bad email and a password the policy refuses', async () => {
    const unknown = await server.call('POST', usersPath(), { body: { username: 'dora', nickname: 'd' } });
    expect(unknown).toMatchObject({ status: 400, json: { errorMessage: 'Unrecognized field "nickname"' } });
    const badType = await server.call('POST', usersPath(), { body: { username: 'dora', enabled: 'yes' } });
    expect(badType.status).toBe(400);
    expect(badType.json.errorMessage).toMatch(/^Invalid value for "enabled"/);
    const noName = await server.call('POST', usersPath(), { body: { email: 'x@example.com' } });
    expect(noName).toMatchObject({ status: 400, json: { errorMessage: 'User name is missing' } });
    const badEmail = await server.call('POST', usersPath(), { body: { username: 'dora', email: 'not-an-email' } });
    expect(badEmail).toMatchObject({ status: 400, json: { field: 'email', errorMessage: 'invalidEmailMessage' } });
    const short = await server.call('POST', usersPath(), { body: { username: 'dora', credentials: [{ type: 'password', value: 'short' }] } });
    expect(short).toMatchObject({ status: 400, json: { error: 'invalidPasswordMinLengthMessage', error_description: 'Invalid password: minimum length 8.' } });
    const sameAsName = await server.call('POST', usersPath(), { body: { username: 'doralongname', credentials: [{ type: 'password', value: 'doralongname' }] } });
    expect(sameAsName.json).toMatchObject({ error: 'invalidPasswordNotUsernameMessage' });
    expect(await server.kc.users.find({ realm, username: 'dora', exact: true })).toEqual([]);
  });

  it('lets a user created with a password log in with the password grant', async () => {
    await server.kc.users.create({ realm, username: 'erin', enabled: true, credentials: [{ type: 'password', value: 'Erin-pass-1', temporary: false }] });
    const ok = await passwordLogin('erin', 'Erin-pass-1');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { access_token?: string }).access_token).toBeTruthy();
    expect((await passwordLogin('erin', 'wrong-pass-1')).status).toBe(401);
  });

  it('records the admin event with the user in one transaction, its representation without the password', async () => {
    const { id } = await server.kc.users.create({ realm, username: 'fay', credentials: [{ type: 'password', value: 'Fay-secret-9' }] });
    const event = (await adminEvents()).find((candidate) => candidate.resourcePath === `users/${id}`);
    expect(event).toMatchObject({ operationType: 'CREATE', resourceType: 'USER', realmId: people.realm.id });
    expect(event!.representation).not.toContain('Fay-secret-9');
    expect(JSON.parse(event!.representation)).toMatchObject({ username: 'fay', credentials: [{ type: 'password', value: '**********' }] });
    // A refused write leaves no event behind.
    const before = (await adminEvents()).length;
    expect((await server.call('POST', usersPath(), { body: { username: 'fay' } })).status).toBe(409);
    expect((await adminEvents()).length).toBe(before);
  });
});

describe('finding and counting users (UsersResource.getUsers / getUsersCount)', () => {
  beforeAll(async () => {
    const add = (username: string, rest: Record<string, unknown>) => server.kc.users.create({ realm, username, enabled: true, ...rest });
    await add('gina', { firstName: 'Gina', lastName: 'Marsh', email: 'gina@corp.io', attributes: { team: 'blue' } });
    await add('ginny', { firstName: 'Virginia', lastName: 'Hill', email: 'vh@corp.io', emailVerified: true, attributes: { team: 'red' } });
    await add('hugo', { firstName: 'Hugo', lastName: 'Margin', email: 'hugo@other.org', enabled: false, attributes: { team: 'Blue' } });
  });

  const names = (users: { username?: string }[]) => users.map((user) => user.username).sort();

  it('searches by prefix, infix (*x*) and exact ("x") over username, email, first and last name', async () => {
    expect(names(await server.kc.users.find({ realm, search: 'gin' }))).toEqual(['gina', 'ginny']);
    expect(names(await server.kc.users.find({ realm, search: 'mar' }))).toEqual(['gina', 'hugo']);
    expect(names(await server.kc.users.find({ realm, search: '*rgin*' }))).toEqual(['ginny', 'hugo']);
    expect(names(await server.kc.users.find({ realm, search: '"gina"' }))).toEqual(['gina']);
    expect(names(await server.kc.users.find({ realm, search: 'corp' }))).toEqual([]);
    expect(names(await server.kc.users.find({ realm, search: '*corp.io' }))).toEqual(['gina', 'ginny']);
    expect(await server.kc.users.count({ realm, search: 'gin' })).toBe(2);
  });

  it('filters by fields (contains, or exact), enabled, emailVerified and q attributes, combined with and', async () => {
    expect(names(await server.kc.users.find({ realm, username: 'in' }))).toEqual(['erin', 'gina', 'ginny']);
    expect(names(await server.kc.users.find({ realm, username: 'gin', exact: true }))).toEqual([]);
    expect(names(await server.kc.users.find({ realm, username: 'GINA', exact: true }))).toEqual(['gina']);
    expect(names(await server.kc.users.find({ realm, lastName: 'mar', enabled: true }))).toEqual(['gina']);
    expect(names(await server.kc.users.find({ realm, emailVerified: true, email: 'corp.io' }))).toEqual(['ginny']);
    expect(names(await server.kc.users.find({ realm, q: 'team:blue' }))).toEqual(['gina', 'hugo']);
    expect(names(await server.kc.users.find({ realm, q: 'team:blue', enabled: false }))).toEqual(['hugo']);
    expect(await server.kc.users.count({ realm, q: 'team:red' })).toBe(1);
    // The admin client's count() types leave out these filters; Keycloak takes them, so ask directly.
    const count = await server.call('GET', `${routePath('admin.users.rest', { realm, proxy: 'count' })}?enabled=false&username=hugo`);
    expect(count).toMatchObject({ status: 200, json: 1 });
  });

  it('pages with first and max in username order, and gives brief representations on request', async () => {
    const all = await server.kc.users.find({ realm, max: -1 });
    const sorted = [...all.map((user) => user.username!)].sort();
    expect(all.map((user) => user.username)).toEqual(sorted);
    expect(await server.kc.users.count({ realm })).toBe(all.length);
    const page = await server.kc.users.find({ realm, first: 1, max: 2 });
    expect(page.map((user) => user.username)).toEqual(sorted.slice(1, 3));
    const [brief] = await server.kc.users.find({ realm, username: 'gina', exact: true, briefRepresentation: true });
    expect(Object.keys(brief!).sort()).toEqual(['access', 'createdTimestamp', 'email', 'emailVerified', 'enabled', 'firstName', 'id', 'lastName', 'username']);
    const [byId] = await server.kc.users.find({ realm, search: `id:${brief!.id}` });
    expect(byId?.username).toBe('gina');
  });
});

describe('updating and deleting users (UserResource)', () => {
  it('updates only the fields sent; attributes sent replace the old ones', async () => {
    const { id } = await server.kc.users.create({ realm, username: 'ivy', email: 'ivy@example.com', firstName: 'Ivy', lastName: 'Green', attributes: { a: ['1'], b: ['2'] } });
    await server.kc.users.update({ realm, id }, { firstName: 'Ivy-Rose', enabled: true });
    expect(await server.kc.users.findOne({ realm, id })).toMatchObject({ firstName: 'Ivy-Rose', lastName: 'Green', email: 'ivy@example.com', enabled: true, attributes: { a: ['1'], b: ['2'] } });
    await server.kc.users.update({ realm, id }, { attributes: { c: ['3'] }, requiredActions: ['UPDATE_PROFILE'] });
    expect(await server.kc.users.findOne({ realm, id })).toMatchObject({ attributes: { c: ['3'] }, requiredActions: ['UPDATE_PROFILE'] });
  });

  it('moves the email: the old address is free again, a taken one is 409', async () => {
    const { id } = await server.kc.users.create({ realm, username: 'jack', email: 'jack@example.com' });
    await server.kc.users.create({ realm, username: 'jill', email: 'jill@example.com' });
    await server.kc.users.update({ realm, id }, { email: 'Jack@Elsewhere.com' });
    expect((await server.kc.users.findOne({ realm, id }))?.email).toBe('jack@elsewhere.com');
    expect((await server.call('POST', usersPath(), { body: { username: 'jack2', email: 'jack@example.com' } })).status).toBe(201);
    const taken = await server.call('PUT', userPath(id), { body: { email: 'jill@example.com' } });
    expect(taken).toMatchObject({ status: 409, json: { errorMessage: 'User exists with same email' } });
  });

  it('refuses a new username unless the realm allows editing usernames', async () => {
    const { id } = await server.kc.users.create({ realm, username: 'kim' });
    const refused = await server.call('PUT', userPath(id), { body: { username: 'kimberly' } });
    expect(refused).toMatchObject({ status: 400, json: { field: 'username', errorMessage: 'error-user-attribute-read-only' } });
    const editable = await createFixtureRealm(server.store, keyProviders(), 'editable', { realm: { editUsernameAllowed: true } });
    const { id: lee } = await server.kc.users.create({ realm: 'editable', username: 'lee', email: 'lee@example.com' });
    await server.kc.users.create({ realm: 'editable', username: 'mia' });
    await server.kc.users.update({ realm: 'editable', id: lee }, { username: 'Leeroy' });
    expect((await server.kc.users.findOne({ realm: 'editable', id: lee }))?.username).toBe('leeroy');
    expect(await server.kc.users.find({ realm: 'editable', username: 'leeroy', exact: true })).toHaveLength(1);
    expect((await server.call('POST', routePath('admin.users', { realm: 'editable' }), { body: { username: 'lee' } })).status).toBe(201);
    const clash = await server.call('PUT', routePath('admin.users.rest', { realm: 'editable', proxy: lee }), { body: { username: 'mia' } });
    expect(clash).toMatchObject({ status: 409, json: { errorMessage: 'User exists with same username' } });
    expect(editable.realm.name).toBe('editable');
  });

  it('deletes a user with its credentials, memberships and sessions; the username is free again; 404 after', async () => {
    const { id } = await server.kc.users.create({ realm, username: 'ned', enabled: true, groups: [staff.path], credentials: [{ type: 'password', value: 'Ned-pass-12' }] });
    expect((await passwordLogin('ned', 'Ned-pass-12')).status).toBe(200);
    expect(await server.kc.users.listSessions({ realm, id })).toHaveLength(1);
    await server.kc.users.del({ realm, id });
    expect(await server.kc.users.findOne({ realm, id })).toBeNull();
    const again = await server.call('DELETE', userPath(id));
    expect(again).toMatchObject({ status: 404, json: { error: 'User not found' } });
    let left = 0;
    for await (const item of server.store.queryAll({ partition: `USER#${people.realm.id}#${id}` })) if (item) left++;
    expect(left).toBe(0);
    const members = await server.kc.groups.listMembers({ realm, id: staff.id }).catch(() => undefined);
    if (members) expect(members.map((member) => member.id)).not.toContain(id);
    expect((await passwordLogin('ned', 'Ned-pass-12')).status).toBe(401);
    expect((await server.call('POST', usersPath(), { body: { username: 'ned' } })).status).toBe(201);
    const event = (await adminEvents()).find((candidate) => candidate.resourcePath === `users/${id}` && candidate.operationType === 'DELETE');
    expect(event).toMatchObject({ resourceType: 'USER' });
  });
});

describe('who may do what (UserPermissions)', () => {
  async function adminWith(username: string, roles: string[]): Promise<string> {
    const management = await clientNamed(server.store, people.realm.id, 'realm-management');
    const refs = roles.map((name) => ({ roleId: management.roles.find((role) => role.rep.name === name)!.rep.id, clientUuid: management.client.rep.id }));
    await addUser(server.store, people.realm.id, { username, password: `${username}-Pass-1`, roles: refs });
    return server.token(username, `${username}-Pass-1`, realm);
  }

  it('lets view-users read but not write (403), and query-users count but list nothing', async () => {
    const viewer = await adminWith('viewer', ['view-users']);
    const { id } = await server.kc.users.create({ realm, username: 'olga' });
    const read = await server.call('GET', userPath(id), { token: viewer });
    expect(read.status).toBe(200);
    expect(read.json.access).toMatchObject({ view: true, manage: false, impersonate: false });
    expect((await server.call('PUT', userPath(id), { body: { firstName: 'x' }, token: viewer })).status).toBe(403);
    expect((await server.call('POST', usersPath(), { body: { username: 'nope' }, token: viewer })).status).toBe(403);
    expect((await server.call('DELETE', userPath(id), { token: viewer })).status).toBe(403);
    expect((await server.call('GET', userPath('no-such-user'), { token: viewer })).status).toBe(404);

    const querier = await adminWith('querier', ['query-users']);
    const listed = await server.call('GET', `${usersPath()}?username=olga`, { token: querier });
    expect(listed).toMatchObject({ status: 200, json: [] });
    expect((await server.call('GET', `${routePath('admin.users.rest', { realm, proxy: 'count' })}?username=olga`, { token: querier })).json).toBe(1);
    expect((await server.call('GET', userPath(id), { token: querier })).status).toBe(403);

    const nobody = await adminWith('nobody', []);
    expect((await server.call('GET', usersPath(), { token: nobody })).status).toBe(403);
    expect((await server.call('GET', userPath('no-such-user'), { token: nobody })).status).toBe(403);
  });
});
