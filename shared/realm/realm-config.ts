import { realmKeysOf, type RealmKey } from '../keys/realm-keys.js';
import { isComponentRecord, type ComponentRecord } from '../store/components.js';
import { realmKey } from '../store/keys.js';
import type { RealmRecord } from '../store/realms.js';
import type { Item, Store } from '../store/store.js';

/** Everything about a realm that requests read and admins change rarely: loaded in one Query. */
export interface RealmConfig {
  readonly realm: RealmRecord;
  readonly components: readonly ComponentRecord[];
  readonly keys: readonly RealmKey[];
}

/**
 * Loads the realm's partition (the realm item and its components) with one strongly consistent
 * Query. Returns undefined when the realm does not exist.
 */
export async function loadRealmConfig(store: Store, realmId: string): Promise<RealmConfig | undefined> {
  let realm: RealmRecord | undefined;
  const components: ComponentRecord[] = [];
  for await (const item of store.queryAll<Item>({ partition: realmKey(realmId).pk, consistent: true })) {
    if (item.sk === realmKey(realmId).sk) realm = item as RealmRecord;
    else if (isComponentRecord(item)) components.push(item);
  }
  if (!realm) return undefined;
  return { realm, components, keys: realmKeysOf(components) };
}
