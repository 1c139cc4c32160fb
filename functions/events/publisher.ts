import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { once } from '../../shared/config/env-config.js';
import { eventsConfig } from '../../shared/events/events-config.js';
import { eventBridgeBus } from '../../shared/events/publisher/eventbridge-bus.js';
import { publishRecords } from '../../shared/events/publisher/publish-records.js';
import { realmListenersLookup } from '../../shared/events/realm-lookup.js';
import { defaultStore } from '../../shared/store/default-store.js';

const deps = once(() => ({ bus: eventBridgeBus(eventsConfig().eventBus), realm: realmListenersLookup(defaultStore()) }));

/**
 * The table stream's publisher (DESIGN.md §10): event items → EventBridge. The event source mapping
 * filters to new event items and reports batch item failures, so only what failed is retried.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return publishRecords(event.Records, deps());
}
