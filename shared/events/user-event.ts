import { randomUUID } from 'node:crypto';
import type { RealmRepresentation } from '../model/realm.js';
import { eventKey } from '../store/keys.js';
import type { Item } from '../store/store.js';

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
 * How long an event item stays when the realm does not save events: long enough for the stream
 * publisher (DESIGN.md §10) to hand it on, after which it is only a delivered outbox entry.
 */
export const OUTBOX_TTL_SECONDS = 24 * 60 * 60;

/**
 * The event item for a user event (DESIGN.md §10: written with the change that caused it, when there
 * is one). Saved events (realm eventsEnabled and the type enabled) are kept for eventsExpiration
 * seconds, or for good when it is unset, and are listed by the Admin API; others expire as outbox
 * entries. `stored` tells the two apart for the listing.
 */
export function userEventItem(realm: RealmRepresentation & { id?: string }, event: Omit<EventRepresentation, 'id' | 'time'> & { time?: number }): Item {
  const time = event.time ?? Date.now();
  const id = randomUUID();
  const enabledTypes = (realm.enabledEventTypes as string[] | undefined) ?? [];
  const stored = realm.eventsEnabled === true && (enabledTypes.length === 0 || enabledTypes.includes(event.type));
  const expiration = typeof realm.eventsExpiration === 'number' ? realm.eventsExpiration : 0;
  const expiresAt = stored ? (expiration > 0 ? Math.floor(time / 1000) + expiration : undefined) : Math.floor(time / 1000) + OUTBOX_TTL_SECONDS;
  const rep: EventRepresentation = { ...event, id, time };
  return {
    ...eventKey(event.realmId, time, id),
    entity: 'Event',
    kind: 'user',
    stored,
    rep,
    ...(expiresAt ? { expiresAt } : {}),
  };
}
