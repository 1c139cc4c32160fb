import { log } from '../log/logger.js';
import type { RealmConfig } from '../realm/realm-config.js';
import type { Store } from '../store/store.js';
import { logsInline } from './listeners/active-listeners.js';
import { userEventWrites, type EventRepresentation } from './user-event.js';

/**
 * Records a user event that has no state change of its own to commit with (errors, token grants whose
 * writes are conditional updates). The item is written when the realm saves the event or a listener
 * takes it (issue 5); Keycloak's logging listener writes its line either way (debug for successes,
 * warn for errors, as Keycloak's). A failure to record never changes the protocol answer.
 */
export async function recordEvent(store: Store, realm: RealmConfig, event: Omit<EventRepresentation, 'id' | 'time' | 'realmId'>): Promise<void> {
  if (logsInline(realm.realm.rep, realm.eventListeners)) {
    log(event.error ? 'warn' : 'debug', 'event', { type: event.type, realmId: realm.realm.id, clientId: event.clientId, userId: event.userId, error: event.error });
  }
  const [write] = userEventWrites(realm, event);
  if (write?.kind !== 'put') return;
  await store.put(write.item).catch((error: unknown) => log('warn', 'event not recorded', { type: event.type, error }));
}
