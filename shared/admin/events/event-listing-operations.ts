import type { EventItem } from '../../events/user-event.js';
import type { Store } from '../../store/store.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { noContent, ok } from '../responses.js';
import { lifetimeRange, listingRange, storedEvents, type EventKind } from './event-hours.js';
import { adminEventFilter, userEventFilter, type EventFilter } from './event-query.js';

const events = mountOf('admin.events');
const adminEvents = mountOf('admin.admin-events');

/**
 * The stored-events endpoints of RealmAdminResource: GET and DELETE `/events` (login and token
 * events) and `/admin-events`. Listings need view-events, clearing manage-events (auth.realm()
 * requireViewEvents / requireManageEvents). Clearing is not itself an admin event, as in Keycloak.
 */
export const eventListingOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: events,
    async run(request) {
      await request.require('view-events');
      return ok(await listEvents(request, 'user', userEventFilter(request.query)));
    },
  },
  {
    method: 'DELETE',
    path: events,
    async run(request) {
      await request.require('manage-events');
      await clearEvents(request, 'user');
      return noContent();
    },
  },
  {
    method: 'GET',
    path: adminEvents,
    async run(request) {
      await request.require('view-events');
      return ok(await listEvents(request, 'admin', adminEventFilter(request.query)));
    },
  },
  {
    method: 'DELETE',
    path: adminEvents,
    async run(request) {
      await request.require('manage-events');
      await clearEvents(request, 'admin');
      return noContent();
    },
  },
];

/** Keycloak's EventQuery: filter, order by time (newest first unless `direction=asc`), then first/max. */
async function listEvents<T>(request: AdminRequest, kind: EventKind, filter: EventFilter<T>): Promise<unknown[]> {
  const config = await request.realm();
  const { window } = filter;
  const page: unknown[] = [];
  if (window.max === 0) return page;
  let skipped = 0;
  const range = listingRange(config, kind, window);
  for await (const item of storedEvents(request.store, config.realm.id, kind, range, window.ascending)) {
    if (!filter.keep(item.rep as unknown as T)) continue;
    if (skipped < window.first) {
      skipped++;
      continue;
    }
    page.push(item.rep);
    if (window.max !== undefined && page.length >= window.max) break;
  }
  return page;
}

/** EventStoreProvider.clear / clearAdmin: every stored event of the realm, deleted in batches. */
async function clearEvents(request: AdminRequest, kind: EventKind): Promise<void> {
  const config = await request.realm();
  await deleteInBatches(request.store, storedEvents(request.store, config.realm.id, kind, lifetimeRange(config), true));
}

async function deleteInBatches(store: Store, items: AsyncIterable<EventItem>): Promise<void> {
  let batch: EventItem[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= 100) {
      await store.deleteMany(batch.map(({ pk, sk }) => ({ pk, sk })));
      batch = [];
    }
  }
  if (batch.length > 0) await store.deleteMany(batch.map(({ pk, sk }) => ({ pk, sk })));
}
