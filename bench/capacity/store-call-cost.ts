import { createDocumentClient } from '../../shared/store/dynamodb-client.js';
import { usernameKey } from '../../shared/store/keys.js';
import { Store } from '../../shared/store/store.js';
import { round } from '../load/load-point.js';
import type { GatehouseReady } from '../gatehouse/server.js';

/** Client-side CPU of one DynamoDB call through the store (its JSON client): request building, SigV4, HTTP, JSON. */
export interface StoreCallCost {
  readonly operation: string;
  readonly cpuMsPerCall: number;
  readonly wallMsPerCall: number;
}

/**
 * The share of every flow that is not Gatehouse's own logic: a strongly consistent GetItem of a small
 * item (the bench user's username sentinel, what a password login reads first), one at a time, through a client built like the store's
 * (shared/store/dynamodb-client.ts), measured in this process (DynamoDB Local's CPU is not in it).
 */
export async function measureStoreCallCost(gatehouse: GatehouseReady, calls: number): Promise<StoreCallCost> {
  const store = new Store(createDocumentClient(gatehouse.dynamoDbEndpoint), gatehouse.tableName);
  const key = usernameKey(gatehouse.seed.realmId, gatehouse.seed.user.username);
  for (let i = 0; i < 20; i++) await store.get(key, { consistent: true });
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await store.get(key, { consistent: true });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  store.client.destroy();
  return { operation: 'GetItem of a username sentinel (consistent, < 1 KB) via the store', cpuMsPerCall: round((used.user + used.system) / 1000 / calls, 3), wallMsPerCall: round(wall / calls, 2) };
}
