import { randomUUID } from 'node:crypto';
import type { RealmRepresentation } from '../model/realm.js';
import type { RealmConfig } from '../realm/realm-config.js';
import { eventKey } from '../store/keys.js';
import type { Item, TransactWrite } from '../store/store.js';
import { mayNeedDelivery, needsDelivery } from './listeners/active-listeners.js';
import type { EventDetail } from './listeners/rules.js';

/** Keycloak's EventRepresentation (login and token events). */
export interface EventRepresentation {
  id: string;
  time: number;
  type: string;
  realmId: string;
  clientId?: string;
  userId?: string;
  sessionId?: string;
  ipAddress?: string;
  error?: string;
  details?: Record<string, string>;
}

/**
 * How long an event item stays when the realm does not save events: as long as the table's stream
 * keeps its record (24 hours), which is as long as the publisher (DESIGN.md §10) may still need it.
 */
export const OUTBOX_TTL_SECONDS = 24 * 60 * 60;

/** An event item as the stream publisher reads it. */
export interface EventItem extends Item {
  readonly entity: 'Event' | 'AdminEvent';
  readonly kind: 'user' | 'admin';
  /** Kept for the Admin API's event listings (the realm saves this event). */
  readonly stored: boolean;
  readonly realmName?: string;
  readonly rep: Record<string, unknown> & { id: string; time: number; realmId: string };
}

/** Keycloak's `saveEvents` choice: with no enabledEventTypes every type is saved. */
function savesType(realm: RealmRepresentation, type: string): boolean {
  const enabledTypes = (realm.enabledEventTypes as string[] | undefined) ?? [];
  return realm.eventsEnabled === true && (enabledTypes.length === 0 || enabledTypes.includes(type));
}

/**
 * The event item for a user event (DESIGN.md §10: written with the change that caused it, when there
 * is one). Saved events (realm eventsEnabled and the type enabled) are kept for eventsExpiration
 * seconds, or for good when it is unset, and are listed by the Admin API; others expire as outbox
 * entries. `stored` tells the two apart for the listing.
 */
export function userEventItem(realm: RealmRepresentation & { id?: string }, event: Omit<EventRepresentation, 'id' | 'time'> & { time?: number }): Item {
  const time = event.time ?? Date.now();
  const id = randomUUID();
  const stored = savesType(realm, event.type);
  const expiration = typeof realm.eventsExpiration === 'number' ? realm.eventsExpiration : 0;
  const expiresAt = stored ? (expiration > 0 ? Math.floor(time / 1000) + expiration : undefined) : Math.floor(time / 1000) + OUTBOX_TTL_SECONDS;
  const rep: EventRepresentation = { ...event, id, time };
  return {
    ...eventKey(event.realmId, time, id),
    entity: 'Event',
    kind: 'user',
    stored,
    ...(realm.realm ? { realmName: realm.realm } : {}),
    rep,
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/** The bus `detail` of an event item: Keycloak's representation plus `realmName` (issue 5). */
export function eventDetail(item: Pick<EventItem, 'rep' | 'realmName'>): EventDetail {
  return { ...item.rep, realmName: item.realmName ?? '' } as EventDetail;
}

/**
 * The writes recording a user event with the change that caused it, in the same transaction: the
 * event item when the realm saves the event or a listener takes it (issue 5), nothing otherwise.
 */
export function userEventWrites(config: RealmConfig, event: Omit<EventRepresentation, 'id' | 'time' | 'realmId'> & { time?: number }): TransactWrite[] {
  const rep = config.realm.rep;
  // Decided before the item is built: most grants record events no one stores or listens to.
  if (!savesType(rep, event.type) && !mayNeedDelivery(rep, config.eventListeners)) return [];
  const item = userEventItem({ ...rep, realm: config.realm.name }, { ...event, realmId: config.realm.id }) as EventItem;
  if (!item.stored && !needsDelivery(rep, config.eventListeners, 'user', eventDetail(item))) return [];
  return [{ kind: 'put', item }];
}
