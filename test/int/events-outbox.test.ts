import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENERS_ATTRIBUTE } from '../../shared/events/listeners/realm-json.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { userKey } from '../../shared/store/keys.js';
import { recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';

/**
 * The transactional outbox (DESIGN.md §10, issue 5): a change and its event commit together or not
 * at all; and Gatehouse's the admin.event-listeners resource extension that configures listeners.
 */

const REALM = 'outbox';
let server: AdminServer;
let realm: RealmConfig;

beforeAll(async () => {
  server = await startAdminServer();
  const created = await createRealm(realmCreation(server.store, keyProviders()), { realm: REALM, enabled: true, adminEventsEnabled: true, adminEventsDetailsEnabled: true });
  realm = (await loadRealmConfig(server.store, created.id))!;
});
afterAll(() => server?.close());

const adminEvents = () => recentAdminEvents(server.store, realm.realm.id);

const listenersPath = () => routePath('admin.event-listeners', { realm: REALM });
const listenerPath = (id: string) => routePath('admin.event-listeners.rest', { realm: REALM, proxy: id });

/** POST /admin/realms/{realm}/users: the user's writes and its admin event in one commit. */
async function createUserAsAdmin(username: string, extra: { email?: string; bulkyAttribute?: string; realm?: string } = {}): Promise<{ status: number; id?: string }> {
  const body = { username, ...(extra.email ? { email: extra.email } : {}), ...(extra.bulkyAttribute ? { attributes: { blob: [extra.bulkyAttribute] } } : {}) };
  const answer = await server.call('POST', routePath('admin.users', { realm: extra.realm ?? REALM }), { body });
  return { status: answer.status, ...(answer.status === 201 ? { id: answer.headers.get('location')!.split('/').at(-1)! } : {}) };
}

describe('a user write and its event commit together or not at all', () => {
  it('commits the user and its CREATE USER admin event together', async () => {
    const created = await createUserAsAdmin('alice', { email: 'alice@example.com' });
    expect(created.status).toBe(201);
    expect(await server.store.get(userKey(realm.realm.id, created.id!))).toBeDefined();
    expect((await adminEvents()).filter((e) => e.resourcePath === `users/${created.id}`)).toEqual([
      expect.objectContaining({ operationType: 'CREATE', resourceType: 'USER', realmId: realm.realm.id }),
    ]);
  });

  it('writes neither when the user write fails its condition (a taken username)', async () => {
    const before = await adminEvents();
    const again = await createUserAsAdmin('alice');
    expect(again.status).toBe(409);
    const after = await adminEvents();
    expect(after.filter((e) => e.resourceType === 'USER')).toEqual(before.filter((e) => e.resourceType === 'USER'));
  });

  it('writes neither when the event cannot be written (an item over DynamoDB\'s 400 KB)', async () => {
    const before = await adminEvents();
    // The event carries the representation as JSON (details enabled), where each control character
    // takes six bytes: the user item holds 100 KB, its event item 600 KB, over DynamoDB's item limit.
    const failed = await createUserAsAdmin('bob', { bulkyAttribute: '\u0001'.repeat(100_000) });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect((await adminEvents()).length).toBe(before.length);
    const users = [];
    for await (const item of server.store.queryAll({ partition: `USERNAME#${realm.realm.id}#bob` })) users.push(item);
    expect(users).toEqual([]);
    // The same user fits where the event leaves the representation out (details off): it was the event.
    await createRealm(realmCreation(server.store, keyProviders()), { realm: 'outbox-plain', enabled: true, adminEventsEnabled: true });
    expect((await createUserAsAdmin('bob', { bulkyAttribute: '\u0001'.repeat(100_000), realm: 'outbox-plain' })).status).toBe(201);
  });
});

describe('the admin.event-listeners resource', () => {
  let hookId: string;
  const hook = { type: 'webhook', url: 'https://billing.example.com/hook', secret: 'billing-secret-0123', eventTypes: ['REGISTER', 'DELETE_ACCOUNT'], includeAdminEvents: true };

  it('creates a listener: 201 with its Location, the kind named in eventsListeners, a REALM admin event without the secret', async () => {
    const answer = await server.call('POST', listenersPath(), { body: hook });
    expect(answer.status).toBe(201);
    hookId = answer.headers.get('location')!.split('/').at(-1)!;
    expect(answer.headers.get('location')).toBe(`${server.baseUrl}${listenerPath(hookId)}`);
    const realmRep = await server.kc.realms.findOne({ realm: REALM });
    expect(realmRep?.eventsListeners).toEqual(['jboss-logging', 'webhook']);
    const event = (await adminEvents()).find((e) => e.resourcePath === `event-listeners/${hookId}`);
    expect(event).toMatchObject({ operationType: 'CREATE', resourceType: 'REALM' });
    expect(event!.representation).not.toContain(hook.secret);
    expect(JSON.parse(event!.representation)).toMatchObject({ id: hookId, url: hook.url });
  });

  it('reads listeners back without their secret', async () => {
    const one = await server.call('GET', listenerPath(hookId));
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ id: hookId, type: 'webhook', enabled: true, url: hook.url, eventTypes: hook.eventTypes, includeAdminEvents: true });
    const all = await server.call('GET', listenersPath());
    expect(all.json).toEqual([one.json]);
  });

  it('updates a listener, keeping the secret when none is sent', async () => {
    const update = await server.call('PUT', listenerPath(hookId), { body: { type: 'webhook', url: 'https://billing.example.com/v2', enabled: false } });
    expect(update.status).toBe(204);
    const stored = (await loadRealmConfig(server.store, realm.realm.id))!.eventListeners.find((l) => l.rep.id === hookId)!;
    expect(stored.rep).toMatchObject({ url: 'https://billing.example.com/v2', enabled: false, secret: hook.secret, eventTypes: [] });
    expect(stored.version).toBe(2);
  });

  it("answers Keycloak's error shapes: 400 with errorMessage, 404, 409 for a taken id", async () => {
    expect(await server.call('POST', listenersPath(), { body: { ...hook, url: 'http://billing.example.com' } })).toMatchObject({
      status: 400,
      json: { errorMessage: 'The webhook url must be https (plain http only to localhost)' },
    });
    expect(await server.call('POST', listenersPath(), { body: { ...hook, colour: 'red' } })).toMatchObject({ status: 400, json: { errorMessage: 'Unrecognized field "colour"' } });
    expect(await server.call('GET', listenerPath('missing'))).toMatchObject({ status: 404, json: { error: 'Could not find event listener' } });
    expect(await server.call('POST', listenersPath(), { body: { ...hook, id: hookId } })).toMatchObject({ status: 409, json: { errorMessage: 'Event listener exists with same id' } });
    expect(await server.call('PUT', listenerPath(hookId), { body: { type: 'email' } })).toMatchObject({ status: 400 });
  });

  it('requires manage-events to change and view-events to read', async () => {
    const master = (await loadRealmConfig(server.store, 'master'))!;
    await createUser(server.store, master, { username: 'nobody', password: 'Nobody-Pass-1' });
    const token = await server.token('nobody', 'Nobody-Pass-1');
    expect((await server.call('GET', listenersPath(), { token })).status).toBe(403);
    expect((await server.call('POST', listenersPath(), { token, body: hook })).status).toBe(403);
  });

  it('deletes a listener: 204, then 404', async () => {
    expect((await server.call('DELETE', listenerPath(hookId))).status).toBe(204);
    expect((await server.call('DELETE', listenerPath(hookId))).status).toBe(404);
    expect((await server.call('GET', listenersPath())).json).toEqual([]);
  });

  it('carries listeners in realm JSON: a realm created with the attribute gets its listeners', async () => {
    const created = await createRealm(realmCreation(server.store, keyProviders()), {
      realm: 'imported',
      enabled: true,
      attributes: { [LISTENERS_ATTRIBUTE]: JSON.stringify([{ id: 'log-all', type: 'log', includeAdminEvents: true }]) },
    });
    const config = (await loadRealmConfig(server.store, created.id))!;
    expect(config.eventListeners.map((l) => l.rep)).toEqual([{ id: 'log-all', type: 'log', enabled: true, eventTypes: [], includeAdminEvents: true }]);
    expect(config.realm.rep.attributes?.[LISTENERS_ATTRIBUTE]).toBeUndefined();
  });
});
