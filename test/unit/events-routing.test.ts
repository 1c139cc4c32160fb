import { describe, expect, it } from 'vitest';
import { adminEventWrites } from '../../shared/events/admin-event.js';
import { activeListeners, logsInline, needsDelivery } from '../../shared/events/listeners/active-listeners.js';
import { eventListenerRecord, type EventListenerRepresentation } from '../../shared/events/listeners/listener.js';
import { entriesFor } from '../../shared/events/publisher/build-entries.js';
import { verifySignature } from '../../shared/events/listeners/signature.js';
import { OUTBOX_TTL_SECONDS, userEventItem, userEventWrites, type EventItem } from '../../shared/events/user-event.js';
import type { RealmRepresentation } from '../../shared/model/realm.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import type { TransactWrite } from '../../shared/store/store.js';

/** Issue 5, item 5: event items honour the realm's events settings and exist only as long as needed. */

const webhook = (overrides: Partial<EventListenerRepresentation> = {}): EventListenerRepresentation => ({
  id: 'hook',
  type: 'webhook',
  enabled: true,
  url: 'https://billing.example.com/hook',
  secret: 'a-secret-of-32-characters-------',
  eventTypes: ['REGISTER'],
  includeAdminEvents: false,
  ...overrides,
});

function config(rep: RealmRepresentation, listeners: EventListenerRepresentation[] = []): RealmConfig {
  return { realm: { id: 'r1', name: 'shop', rep, version: 1, configVersion: 1 }, eventListeners: listeners.map((l) => eventListenerRecord('r1', l)) } as unknown as RealmConfig;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The event item a write puts. */
function itemOf(write: TransactWrite | undefined): EventItem {
  if (write?.kind !== 'put') throw new Error('not a put');
  return write.item as EventItem;
}

describe('user event items', () => {
  it('are written only when the realm saves the event or a listener takes it', () => {
    expect(userEventWrites(config({ eventsListeners: ['jboss-logging'] }), { type: 'REGISTER' })).toEqual([]);
    expect(userEventWrites(config({ eventsListeners: ['webhook'] }, [webhook()]), { type: 'REGISTER' })).toHaveLength(1);
    expect(userEventWrites(config({ eventsListeners: ['webhook'] }, [webhook()]), { type: 'LOGIN' })).toEqual([]);
    expect(userEventWrites(config({ eventsEnabled: true }), { type: 'LOGIN' })).toHaveLength(1);
    // A listener the realm does not name, or a disabled one, takes nothing.
    expect(userEventWrites(config({ eventsListeners: ['jboss-logging'] }, [webhook()]), { type: 'REGISTER' })).toEqual([]);
    expect(userEventWrites(config({ eventsListeners: ['webhook'] }, [webhook({ enabled: false })]), { type: 'REGISTER' })).toEqual([]);
    // `eventbridge` publishes everything for rules of your own.
    expect(userEventWrites(config({ eventsListeners: ['eventbridge'] }), { type: 'LOGIN' })).toHaveLength(1);
  });

  it('are stored for eventsExpiration (or for good) when saved, otherwise kept for the outbox TTL only', () => {
    const saved = userEventItem({ realm: 'shop', eventsEnabled: true, eventsExpiration: 3600 }, { realmId: 'r1', type: 'LOGIN' });
    expect(saved).toMatchObject({ stored: true, realmName: 'shop', entity: 'Event' });
    expect(saved.expiresAt).toBeGreaterThanOrEqual(nowSeconds() + 3599);
    expect(userEventItem({ eventsEnabled: true }, { realmId: 'r1', type: 'LOGIN' }).expiresAt).toBeUndefined();
    const outbox = userEventItem({ eventsEnabled: false }, { realmId: 'r1', type: 'LOGIN' });
    expect(outbox.stored).toBe(false);
    expect(outbox.expiresAt).toBeLessThanOrEqual(nowSeconds() + OUTBOX_TTL_SECONDS);
  });

  it('are stored only for the enabled event types', () => {
    const rep = { eventsEnabled: true, enabledEventTypes: ['LOGIN'] };
    expect(userEventItem(rep, { realmId: 'r1', type: 'LOGIN' }).stored).toBe(true);
    expect(userEventItem(rep, { realmId: 'r1', type: 'LOGOUT' }).stored).toBe(false);
    expect(userEventWrites(config(rep), { type: 'LOGOUT' })).toEqual([]);
  });
});

describe('admin event items', () => {
  const input = { operationType: 'CREATE' as const, resourceType: 'USER', resourcePath: 'users/u1', representation: { username: 'alice' } };

  it('are written when the realm saves admin events or a listener takes admin events', () => {
    expect(adminEventWrites(config({}), { realmId: 'master' }, input)).toEqual([]);
    expect(adminEventWrites(config({ adminEventsEnabled: true }), { realmId: 'master' }, input)).toHaveLength(1);
    expect(adminEventWrites(config({ eventsListeners: ['webhook'] }, [webhook()]), { realmId: 'master' }, input)).toEqual([]);
    const [write] = adminEventWrites(config({ eventsListeners: ['webhook'] }, [webhook({ includeAdminEvents: true })]), { realmId: 'master' }, input);
    expect(write).toMatchObject({ kind: 'put', item: { entity: 'AdminEvent', stored: false, realmName: 'shop', rep: { resourcePath: 'users/u1' } } });
  });

  it('carry the representation only with adminEventsDetailsEnabled', () => {
    const [plain] = adminEventWrites(config({ adminEventsEnabled: true }), { realmId: 'master' }, input);
    const [detailed] = adminEventWrites(config({ adminEventsEnabled: true, adminEventsDetailsEnabled: true }), { realmId: 'master' }, input);
    expect(itemOf(plain).rep.representation).toBeUndefined();
    expect(itemOf(detailed).rep.representation).toBe('{"username":"alice"}');
  });
});

describe('active listeners', () => {
  it("adds Keycloak's email listener when `email` is named without configuration", () => {
    expect(activeListeners({ eventsListeners: ['email'] }, [])).toEqual([expect.objectContaining({ type: 'email', eventTypes: ['LOGIN_ERROR', 'UPDATE_PASSWORD', 'REMOVE_TOTP', 'UPDATE_TOTP'] })]);
    const configured = eventListenerRecord('r1', { id: 'mine', type: 'email', enabled: true, eventTypes: ['LOGIN_ERROR'], includeAdminEvents: false });
    expect(activeListeners({ eventsListeners: ['email'] }, [configured]).map((l) => l.id)).toEqual(['mine']);
  });

  it('keeps the jboss-logging line in the function unless log listeners are configured', () => {
    expect(logsInline({}, [])).toBe(true);
    expect(logsInline({ eventsListeners: [] }, [])).toBe(false);
    const log = eventListenerRecord('r1', { id: 'l', type: 'log', enabled: true, eventTypes: [], includeAdminEvents: true });
    expect(logsInline({ eventsListeners: ['jboss-logging'] }, [log])).toBe(false);
    expect(needsDelivery({ eventsListeners: ['jboss-logging'] }, [log], 'admin', { id: 'e', realmId: 'r1', realmName: 'shop', time: 1 })).toBe(true);
  });
});

describe('bus entries for an event item', () => {
  const item = userEventItem({ realm: 'shop', eventsEnabled: true }, { realmId: 'r1', type: 'REGISTER', userId: 'u1' }) as EventItem;

  it("are the UserEvent (Keycloak's representation + id + realmName) and one signed delivery per listener taking it", () => {
    const realm = { rep: { eventsListeners: ['webhook', 'email'] }, eventListeners: [eventListenerRecord('r1', webhook())] };
    const entries = entriesFor(item, realm, 1_700_000_000);
    expect(entries.map((e) => e.DetailType)).toEqual(['UserEvent', 'ListenerDelivery']);
    expect(JSON.parse(entries[0]!.Detail)).toEqual({ ...item.rep, realmName: 'shop' });
    const delivery = JSON.parse(entries[1]!.Detail);
    expect(delivery).toMatchObject({ listenerId: 'hook', listenerType: 'webhook', realmId: 'r1', kind: 'user', event: { id: item.rep.id, type: 'REGISTER', realmName: 'shop' } });
    expect(verifySignature(delivery.signature, JSON.stringify(delivery.event), webhook().secret!, { toleranceSeconds: 1, nowSeconds: 1_700_000_000 })).toBe(true);
    expect(entries[0]!.Time).toEqual(new Date(item.rep.time));
  });

  it('leave an oversized admin representation out rather than fail the whole stream', () => {
    const big = itemOf(adminEventWrites(config({ adminEventsEnabled: true, adminEventsDetailsEnabled: true }), { realmId: 'master' }, {
      operationType: 'CREATE',
      resourceType: 'REALM',
      resourcePath: 'realms',
      representation: { blob: 'x'.repeat(300_000) },
    })[0]);
    const [entry] = entriesFor(big, undefined);
    expect(JSON.parse(entry!.Detail)).toMatchObject({ representationOmitted: true, resourcePath: 'realms' });
    expect(entry!.Detail.length).toBeLessThan(128 * 1024);
  });
});
