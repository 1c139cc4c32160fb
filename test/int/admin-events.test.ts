import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedByDefaultEventTypes } from '../../shared/admin/events/event-types.js';
import { adminEventItem } from '../../shared/events/admin-event.js';
import { userEventItem } from '../../shared/events/user-event.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { realmKey } from '../../shared/store/keys.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';
import { addUser, clientNamed, createFixtureRealm } from '../support/realm-builder.js';

let server: AdminServer;
let realmId: string;
let aliceId: string;
const REALM = 'events-realm';
const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startAdminServer();
  realmId = (await createFixtureRealm(server.store, keyProviders(), REALM)).realm.id;
  aliceId = (await addUser(server.store, realmId, { username: 'alice', password: 'alice-Pass-1' })).id!;
});
afterAll(() => server?.close());

const eventsPath = () => routePath('admin.events', { realm: REALM });
const adminEventsPath = () => routePath('admin.admin-events', { realm: REALM });

async function passwordGrant(password: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: REALM })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'alice', password }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Moves the realm's creation time back, so hour partitions before today are in its lifetime. */
async function ageRealm(days: number): Promise<void> {
  await server.store.client.updateItem({
    TableName: server.store.tableName,
    Key: realmKey(realmId),
    UpdateExpression: 'SET createdAt = :at',
    ExpressionAttributeValues: { ':at': Math.floor((Date.now() - days * 24 * HOUR) / 1000) },
  });
}

describe('events config', () => {
  it("shows Keycloak's saved-by-default types while none are chosen, and records its own change", async () => {
    const initial = await server.kc.realms.getConfigEvents({ realm: REALM });
    expect(initial).toEqual({
      eventsEnabled: false,
      eventsListeners: ['jboss-logging'],
      enabledEventTypes: [...savedByDefaultEventTypes],
      adminEventsEnabled: false,
      adminEventsDetailsEnabled: false,
    });
    expect(initial.enabledEventTypes).toContain('LOGIN');
    expect(initial.enabledEventTypes).not.toContain('REFRESH_TOKEN');

    await server.kc.realms.updateConfigEvents(
      { realm: REALM },
      { eventsEnabled: true, eventsExpiration: 3600, adminEventsEnabled: true, adminEventsDetailsEnabled: true, eventsListeners: ['jboss-logging'], enabledEventTypes: [] },
    );
    const updated = await server.kc.realms.getConfigEvents({ realm: REALM });
    expect(updated).toMatchObject({ eventsEnabled: true, eventsExpiration: 3600, adminEventsEnabled: true, adminEventsDetailsEnabled: true });

    // The change turning admin events on is itself saved (Keycloak considers old and new settings).
    const [change] = await server.kc.realms.findAdminEvents({ realm: REALM, resourcePath: 'events/config' });
    expect(change).toMatchObject({ operationType: 'UPDATE', resourceType: 'REALM', resourcePath: 'events/config', realmId });
    expect(JSON.parse(change!.representation!)).toMatchObject({ eventsEnabled: true, adminEventsEnabled: true });
    const whoAmI = await server.kc.whoAmI.find();
    expect(change!.authDetails).toMatchObject({ realmId: 'master', userId: whoAmI.userId, ipAddress: '127.0.0.1' });
  });

  it('refuses unknown fields, wrong types and unknown listeners with 400', async () => {
    const path = `${eventsPath()}/config`;
    const unknown = await server.call('PUT', path, { body: { eventsEnabled: true, colour: 'blue' } });
    expect(unknown).toMatchObject({ status: 400, json: { errorMessage: 'Unrecognized field "colour"' } });
    expect((await server.call('PUT', path, { body: { eventsEnabled: 'yes' } })).status).toBe(400);
    const listener = await server.call('PUT', path, { body: { eventsEnabled: true, eventsListeners: ['no-such-listener'] } });
    expect(listener).toMatchObject({ status: 400, json: { error: 'Unknown event listener' } });
  });
});

describe('login events', () => {
  it('lists saved events newest first with Keycloak filters and paging', async () => {
    expect(await passwordGrant('alice-Pass-1')).toBe(200);
    expect(await passwordGrant('wrong')).toBe(401);
    expect(await passwordGrant('alice-Pass-1')).toBe(200);

    const all = await server.kc.realms.findEvents({ realm: REALM });
    expect(all.map((event) => event.type)).toEqual(['LOGIN', 'LOGIN_ERROR', 'LOGIN']);
    expect(all[0]).toMatchObject({ realmId, clientId: 'admin-cli', userId: aliceId, ipAddress: '127.0.0.1' });
    expect(all[1]).toMatchObject({ error: 'invalid_user_credentials' });
    const times = all.map((event) => event.time!);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    expect((await server.kc.realms.findEvents({ realm: REALM, type: 'LOGIN_ERROR' })).map((e) => e.type)).toEqual(['LOGIN_ERROR']);
    expect(await server.kc.realms.findEvents({ realm: REALM, type: ['LOGIN', 'LOGIN_ERROR'] })).toHaveLength(3);
    expect(await server.kc.realms.findEvents({ realm: REALM, user: aliceId })).toHaveLength(3);
    expect(await server.kc.realms.findEvents({ realm: REALM, user: 'someone-else' })).toHaveLength(0);
    expect(await server.kc.realms.findEvents({ realm: REALM, client: 'admin-cli', ipAddress: '127.0.0.1' })).toHaveLength(3);
    expect(await server.kc.realms.findEvents({ realm: REALM, ipAddress: '10.0.0.1' })).toHaveLength(0);

    const paged = await server.kc.realms.findEvents({ realm: REALM, first: 1, max: 1 });
    expect(paged.map((event) => event.time)).toEqual([times[1]]);
    const ascending = await server.call('GET', `${eventsPath()}?direction=asc`);
    expect(ascending.json.map((event: { time: number }) => event.time)).toEqual([...times].reverse());

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
    expect(await server.kc.realms.findEvents({ realm: REALM, dateFrom: today, dateTo: today })).toHaveLength(3);
    expect(await server.kc.realms.findEvents({ realm: REALM, dateFrom: tomorrow })).toHaveLength(0);
    // Epoch milliseconds, both ends inclusive.
    expect(await server.kc.realms.findEvents({ realm: REALM, dateFrom: String(times[1]), dateTo: String(times[0]) })).toHaveLength(2);
  });

  it('answers 400 for a bad date, direction or event type', async () => {
    const badDate = await server.call('GET', `${eventsPath()}?dateFrom=01.02.2026`);
    expect(badDate).toMatchObject({ status: 400, json: { error: "Invalid value for 'dateFrom', expected format is yyyy-MM-dd or an Epoch timestamp" } });
    expect((await server.call('GET', `${eventsPath()}?dateTo=2026-02-30`)).status).toBe(400);
    expect((await server.call('GET', `${eventsPath()}?direction=sideways`)).json).toEqual({ error: 'Invalid value for sortDirection, expected value is asc or desc' });
    expect((await server.call('GET', `${eventsPath()}?type=NOT_A_TYPE`)).status).toBe(400);
  });

  it('saves only the enabled types once some are chosen', async () => {
    await server.kc.realms.updateConfigEvents({ realm: REALM }, { eventsEnabled: true, eventsExpiration: 3600, enabledEventTypes: ['LOGIN_ERROR'] });
    const before = (await server.kc.realms.findEvents({ realm: REALM })).length;
    expect(await passwordGrant('alice-Pass-1')).toBe(200);
    expect(await passwordGrant('wrong-again')).toBe(401);
    const after = await server.kc.realms.findEvents({ realm: REALM });
    expect(after).toHaveLength(before + 1);
    expect(after[0]!.type).toBe('LOGIN_ERROR');
  });

  it('walks hour partitions across days, within the retention window', async () => {
    await ageRealm(3);
    const config = (await loadRealmConfig(server.store, realmId))!;
    const saving = { ...config.realm.rep, id: realmId, eventsEnabled: true, eventsExpiration: 0, enabledEventTypes: [] };
    // Noon (UTC) of yesterday and of the day before: on two dates whatever the time of the run.
    const todayMidnight = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR;
    const thirtyHoursAgo = todayMidnight - 12 * HOUR;
    const twoDaysAgo = todayMidnight - 36 * HOUR;
    for (const time of [twoDaysAgo, thirtyHoursAgo]) {
      await server.store.put(userEventItem(saving, { type: 'UPDATE_PROFILE', realmId, userId: aliceId, time }));
    }
    // eventsExpiration is one hour (set above): the old events are past it, as Keycloak's cleaner would have them.
    expect(await server.kc.realms.findEvents({ realm: REALM, type: 'UPDATE_PROFILE' })).toHaveLength(0);

    await server.kc.realms.updateConfigEvents({ realm: REALM }, { eventsEnabled: true, enabledEventTypes: [] });
    const found = await server.kc.realms.findEvents({ realm: REALM, type: 'UPDATE_PROFILE' });
    expect(found.map((event) => event.time)).toEqual([thirtyHoursAgo, twoDaysAgo]);
    const second = await server.kc.realms.findEvents({ realm: REALM, type: 'UPDATE_PROFILE', first: 1, max: 5 });
    expect(second.map((event) => event.time)).toEqual([twoDaysAgo]);
    const yesterday = new Date(thirtyHoursAgo).toISOString().slice(0, 10);
    const onlyThatDay = await server.kc.realms.findEvents({ realm: REALM, type: 'UPDATE_PROFILE', dateFrom: yesterday, dateTo: yesterday });
    expect(onlyThatDay.map((event) => event.time)).toEqual([thirtyHoursAgo]);
  });
});

describe('admin events', () => {
  it("filters by operation, resource type and path (with Keycloak's * wildcard), auth details and date", async () => {
    await ageRealm(3);
    const config = (await loadRealmConfig(server.store, realmId))!;
    const saving = { ...config.realm.rep, id: realmId, realm: REALM, adminEventsEnabled: true };
    const auth = { realmId: 'other-realm', clientId: 'client-uuid-1', userId: 'user-1', ipAddress: '192.0.2.7' };
    const yesterday = Date.now() - 26 * HOUR;
    await server.store.put(adminEventItem(saving, auth, { operationType: 'CREATE', resourceType: 'USER', resourcePath: 'users/u-1' }, yesterday));
    await server.store.put(adminEventItem(saving, auth, { operationType: 'DELETE', resourceType: 'GROUP', resourcePath: 'groups/g-1/children' }));
    await server.store.put(adminEventItem(saving, auth, { operationType: 'ACTION', resourceType: 'USER', resourcePath: 'users/u-1/logout' }));

    const fromOther = { realm: REALM, authRealm: 'other-realm' };
    expect(await server.kc.realms.findAdminEvents(fromOther)).toHaveLength(3);
    const byOperation = await server.call('GET', `${adminEventsPath()}?authRealm=other-realm&operationTypes=CREATE&operationTypes=ACTION`);
    expect(byOperation.json.map((event: { operationType: string }) => event.operationType)).toEqual(['ACTION', 'CREATE']);
    expect((await server.kc.realms.findAdminEvents({ ...fromOther, resourceTypes: 'GROUP' })).map((e) => e.resourcePath)).toEqual(['groups/g-1/children']);
    expect((await server.kc.realms.findAdminEvents({ ...fromOther, resourcePath: 'users/*' })).map((e) => e.resourcePath)).toEqual(['users/u-1/logout', 'users/u-1']);
    expect(await server.kc.realms.findAdminEvents({ ...fromOther, resourcePath: 'users/u-1' })).toHaveLength(1);
    expect(await server.kc.realms.findAdminEvents({ ...fromOther, authClient: 'client-uuid-1', authUser: 'user-1', authIpAddress: '192.0.2.7' })).toHaveLength(3);
    expect(await server.kc.realms.findAdminEvents({ ...fromOther, authUser: 'user-2' })).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    const todays = await server.call('GET', `${adminEventsPath()}?authRealm=other-realm&dateFrom=${today}`);
    expect(todays.json).toHaveLength(2);
    expect((await server.call('GET', `${adminEventsPath()}?operationTypes=READ`)).status).toBe(400);
  });
});

describe('rights and clearing', () => {
  it('answers 403 without view-events, and lets view-events read but not clear', async () => {
    const nobody = await addUser(server.store, realmId, { username: 'nobody', password: 'nobody-Pass-1' });
    expect(nobody.id).toBeDefined();
    const nobodyToken = await server.token('nobody', 'nobody-Pass-1', REALM);
    expect((await server.call('GET', eventsPath(), { token: nobodyToken })).status).toBe(403);
    expect((await server.call('GET', adminEventsPath(), { token: nobodyToken })).status).toBe(403);
    expect((await server.call('GET', `${eventsPath()}/config`, { token: nobodyToken })).status).toBe(403);

    const management = await clientNamed(server.store, realmId, 'realm-management');
    const viewEvents = management.roles.find((role) => role.rep.name === 'view-events')!;
    await addUser(server.store, realmId, { username: 'auditor', password: 'auditor-Pass-1', roles: [{ roleId: viewEvents.rep.id!, clientUuid: management.client.rep.id }] });
    const auditor = await server.token('auditor', 'auditor-Pass-1', REALM);
    expect((await server.call('GET', eventsPath(), { token: auditor })).status).toBe(200);
    expect((await server.call('GET', `${eventsPath()}/config`, { token: auditor })).status).toBe(200);
    expect((await server.call('DELETE', eventsPath(), { token: auditor })).status).toBe(403);
    expect((await server.call('PUT', `${eventsPath()}/config`, { token: auditor, body: { eventsEnabled: false } })).status).toBe(403);
  });

  it('clears saved events and admin events', async () => {
    expect((await server.kc.realms.findEvents({ realm: REALM, max: -1 })).length).toBeGreaterThan(0);
    await server.kc.realms.clearEvents({ realm: REALM });
    expect(await server.kc.realms.findEvents({ realm: REALM, max: -1 })).toEqual([]);

    expect((await server.kc.realms.findAdminEvents({ realm: REALM })).length).toBeGreaterThan(0);
    await server.kc.realms.clearAdminEvents({ realm: REALM });
    // Clearing is not an admin event of its own, as in Keycloak.
    expect(await server.kc.realms.findAdminEvents({ realm: REALM })).toEqual([]);
  });
});
