import type { EventItem } from '../../events/user-event.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { eventKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';

/**
 * Events live in one partition per realm and hour (`eventKey`), so writes spread and nothing is
 * shared between realms. DynamoDB cannot list partitions, so a listing walks the hours of its window
 * from the newest (or the oldest) and Queries each one (ACCESS-PATTERNS.md E1). The window is bounded
 * on both sides: never before the realm existed (realm ids are never reused), never before the
 * realm's event expiration (Keycloak's ClearExpiredEvents removes what is older under the current
 * setting), and by the request's dateFrom/dateTo. Hours are probed in parallel batches with a
 * one-item Query, so empty stretches cost little latency; only hours with items are read in full.
 */

export type EventKind = 'user' | 'admin';

const HOUR_MS = 60 * 60 * 1000;
/** Hours probed at once: a day per round trip. */
const PROBE_BATCH = 24;
/** Writers' clocks may run a little ahead of the reader's: look this far past now. */
const CLOCK_MARGIN_MS = 5 * 60 * 1000;
/** For a realm item written before realms recorded their creation time. */
const FALLBACK_LOOKBACK_MS = 366 * 24 * HOUR_MS;

export interface HourRange {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, inclusive. */
  readonly to: number;
}

/** The retention Keycloak applies: eventsExpiration (user events) or adminEventsExpiration (seconds; 0 = forever). */
function retentionSeconds(config: RealmConfig, kind: EventKind): number {
  const rep = config.realm.rep;
  const raw = kind === 'user' ? rep.eventsExpiration : (rep.attributes as Record<string, unknown> | undefined)?.['adminEventsExpiration'];
  const seconds = Number(raw ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

/** The times a listing can find events in: the realm's lifetime within its retention, narrowed by the request. */
export function listingRange(config: RealmConfig, kind: EventKind, request: { from?: number; to?: number }, now = Date.now()): HourRange {
  const created = config.realm.createdAt === undefined ? now - FALLBACK_LOOKBACK_MS : config.realm.createdAt * 1000;
  const retention = retentionSeconds(config, kind);
  const from = Math.max(created - HOUR_MS, retention > 0 ? now - retention * 1000 : -Infinity, request.from ?? -Infinity);
  const to = Math.min(now + CLOCK_MARGIN_MS, request.to ?? Infinity);
  return { from, to };
}

/** Every time a realm's events of this kind can have, regardless of retention (clearing). */
export function lifetimeRange(config: RealmConfig, now = Date.now()): HourRange {
  const created = config.realm.createdAt === undefined ? now - FALLBACK_LOOKBACK_MS : config.realm.createdAt * 1000;
  return { from: created - HOUR_MS, to: now + CLOCK_MARGIN_MS };
}

function hourPartitions(realmId: string, kind: EventKind, range: HourRange, ascending: boolean): string[] {
  if (range.from > range.to) return [];
  const first = Math.floor(range.from / HOUR_MS);
  const last = Math.floor(range.to / HOUR_MS);
  const partitions: string[] = [];
  for (let hour = first; hour <= last; hour++) partitions.push(eventKey(realmId, hour * HOUR_MS, '', kind === 'admin').pk);
  return ascending ? partitions : partitions.reverse();
}

/** The hour partitions of the range that hold any item, in walking order, probed a batch at a time. */
async function* occupiedHours(store: Store, partitions: readonly string[], ascending: boolean): AsyncGenerator<string> {
  for (let start = 0; start < partitions.length; start += PROBE_BATCH) {
    const batch = partitions.slice(start, start + PROBE_BATCH);
    const probes = await Promise.all(
      batch.map((partition) => store.query({ partition, limit: 1, consistent: true, ascending })),
    );
    // A probe whose one item had expired still has a cursor: the hour may hold live items further on.
    for (let i = 0; i < batch.length; i++) if (probes[i]!.items.length > 0 || probes[i]!.cursor) yield batch[i]!;
  }
}

/**
 * The stored events of a realm in the range, newest first (or oldest first), as Keycloak's listings
 * order them (by time; events of the same millisecond by id). Outbox-only items (`stored: false`,
 * kept for the publisher) are not events the realm saved and are skipped.
 */
export async function* storedEvents(store: Store, realmId: string, kind: EventKind, range: HourRange, ascending: boolean): AsyncGenerator<EventItem> {
  for await (const partition of occupiedHours(store, hourPartitions(realmId, kind, range, ascending), ascending)) {
    for await (const item of store.queryAll<EventItem>({ partition, consistent: true, ascending })) {
      if (item.stored !== true) continue;
      const time = item.rep.time;
      if (time < range.from || time > range.to) continue;
      yield item;
    }
  }
}
