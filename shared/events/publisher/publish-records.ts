import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { log } from '../../log/logger.js';
import type { EventItem } from '../user-event.js';
import { entriesFor, type RealmListeners } from './build-entries.js';
import { entrySize, MAX_BYTES_PER_PUT, MAX_ENTRIES_PER_PUT, type BusEntry, type EventBus } from './event-bus.js';

export interface PublisherDeps {
  readonly bus: EventBus;
  /** The realm's events settings and listeners (cached by the caller), undefined when it is gone. */
  readonly realm: (realmId: string, realmName: string | undefined) => Promise<RealmListeners | undefined>;
  /** PutEvents attempts for entries EventBridge refuses (throttling, internal errors). @default 4 */
  readonly attempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Only new event items are published; their TTL deletions and every other item are not events. */
export function eventItemOf(record: DynamoDBRecord): EventItem | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage;
  const entity = image?.['entity']?.S;
  if (!image || (entity !== 'Event' && entity !== 'AdminEvent')) return undefined;
  return unmarshall(image as Record<string, AttributeValue>) as EventItem;
}

/**
 * The stream publisher (DESIGN.md §10; issue 5, item 1): the event items among the stream records become
 * bus entries, put in batches of at most 10 entries / 256 KiB; entries EventBridge refuses are retried
 * with backoff; records whose entries still failed are returned as batch item failures, so Lambda
 * retries from the first of them (ReportBatchItemFailures) and nothing is skipped. Delivery is at least
 * once: a retried record publishes again, and consumers drop duplicates by the event `id`.
 */
export async function publishRecords(records: readonly DynamoDBRecord[], deps: PublisherDeps): Promise<DynamoDBBatchResponse> {
  const pending: { entry: BusEntry; sequence: string }[] = [];
  const failed = new Set<string>();
  for (const record of records) {
    const sequence = record.dynamodb?.SequenceNumber ?? '';
    const item = eventItemOf(record);
    if (!item) continue;
    try {
      const realm = await deps.realm(item.rep.realmId, item.realmName);
      for (const entry of entriesFor(item, realm)) pending.push({ entry, sequence });
    } catch (error) {
      log('warn', 'event not published: realm listeners unreadable', { eventId: item.rep.id, error });
      failed.add(sequence);
    }
  }
  for (const batch of batches(pending.filter((p) => !failed.has(p.sequence)))) {
    for (const sequence of await putWithRetries(batch, deps)) failed.add(sequence);
  }
  return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
}

/** Puts one batch, retrying refused entries; answers the sequence numbers of records still failing. */
async function putWithRetries(batch: { entry: BusEntry; sequence: string }[], deps: PublisherDeps): Promise<string[]> {
  const attempts = deps.attempts ?? 4;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let remaining = batch;
  let lastError = '';
  for (let attempt = 1; attempt <= attempts && remaining.length > 0; attempt++) {
    if (attempt > 1) await sleep(Math.min(2000, 100 * 2 ** (attempt - 2)) + Math.floor(Math.random() * 50));
    try {
      const results = await deps.bus.put(remaining.map((p) => p.entry));
      for (const result of results) if (!result.ok) lastError = result.error;
      remaining = remaining.filter((_p, index) => !results[index]?.ok);
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  if (remaining.length > 0) log('warn', 'bus refused entries; the stream will retry their records', { count: remaining.length, error: lastError });
  return [...new Set(remaining.map((p) => p.sequence))];
}

/** Splits entries into PutEvents-sized batches (≤ 10 entries, ≤ 256 KiB). */
export function batches<T extends { entry: BusEntry }>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = entrySize(item.entry);
    if (current.length === MAX_ENTRIES_PER_PUT || (current.length > 0 && bytes + size > MAX_BYTES_PER_PUT)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
