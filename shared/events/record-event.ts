import { log } from '../log/logger.js';
import type { RealmConfig } from '../realm/realm-config.js';
import type { Store } from '../store/store.js';
import { userEventItem, type EventRepresentation } from './user-event.js';

/** Keycloak's logging listener (jboss-logging) needs no event item: it is a log line. */
const LOG_LISTENER = 'jboss-logging';

/**
 * Records a user event that has no state change of its own to commit with (errors, token grants whose
 * writes are conditional updates). The item is written when the realm saves events or has a listener
 * other than the log listener; the log listener writes its line either way (debug for successes, warn
 * for errors, as Keycloak's). A failure to record never changes the protocol answer.
 */
export async function recordEvent(store: Store, realm: RealmConfig, event: Omit<EventRepresentation, 'id' | 'time' | 'realmId'>): Promise<void> {
  const listeners = (realm.realm.rep.eventsListeners as string[] | undefined) ?? [LOG_LISTENER];
  const item = userEventItem(realm.realm.rep, { ...event, realmId: realm.realm.id });
  if (listeners.includes(LOG_LISTENER)) {
    log(event.error ? 'warn' : 'debug', 'event', { type: event.type, realmId: realm.realm.id, clientId: event.clientId, userId: event.userId, error: event.error });
  }
  if (!item.stored && listeners.every((listener) => listener === LOG_LISTENER)) return;
  await store.put(item).catch((error: unknown) => log('warn', 'event not recorded', { type: event.type, error }));
}
