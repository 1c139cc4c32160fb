import { RealmConfigCache } from '../realm/realm-config-cache.js';
import { loadRealmConfig, type RealmConfig } from '../realm/realm-config.js';
import type { Store } from '../store/store.js';
import type { RealmListeners } from './publisher/build-entries.js';

/** How long the event functions trust a realm's cached listeners before checking its configVersion. */
const REVALIDATE_MS = 5_000;

/**
 * A realm's configuration for the event functions, by the id and name an event carries: through the
 * per-container realm config cache (keyed by name, validated by configVersion, DESIGN.md §5), falling
 * back to the id when the realm was renamed since the event.
 */
export function realmLookup(store: Store, cache = new RealmConfigCache(store, REVALIDATE_MS)) {
  return async (realmId: string, realmName: string | undefined): Promise<RealmConfig | undefined> => {
    const named = realmName ? await cache.byName(realmName) : undefined;
    if (named?.realm.id === realmId) return named;
    return loadRealmConfig(store, realmId);
  };
}

/** The publisher's view of a realm: its settings and listeners. */
export function realmListenersLookup(store: Store) {
  const lookup = realmLookup(store);
  return async (realmId: string, realmName: string | undefined): Promise<RealmListeners | undefined> => {
    const config = await lookup(realmId, realmName);
    return config ? { rep: config.realm.rep, eventListeners: config.eventListeners } : undefined;
  };
}
