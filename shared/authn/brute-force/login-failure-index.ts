import { loginFailureKey, loginFailureListingPartition, type ItemKey } from '../../store/keys.js';
import type { Item, Store } from '../../store/store.js';

/** One entry of a realm's login-failure listing: whose record, and its key. */
export interface LoginFailureEntry {
  readonly userId: string;
  readonly key: ItemKey;
}

/**
 * Every brute-force record of a realm (Keycloak's UserLoginFailureProvider.removeAllUserLoginFailures
 * needs them), through the gsi1 entry each record write carries (login-failures.ts storedItem), a
 * page at a time. Expired records read as absent everywhere, so they are left to TTL.
 */
export async function* loginFailureEntries(store: Store, realmId: string): AsyncGenerator<LoginFailureEntry> {
  let cursor: string | undefined;
  do {
    const page = await store.query<Item & { userId?: string }>({ partition: loginFailureListingPartition(realmId), index: 'gsi1', limit: 100, cursor });
    for (const item of page.items) if (typeof item.userId === 'string') yield { userId: item.userId, key: loginFailureKey(realmId, item.userId) };
    cursor = page.cursor;
  } while (cursor);
}
