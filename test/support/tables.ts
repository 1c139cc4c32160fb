import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ensureTable } from '../../bin/local/table-setup.js';
import { keysConfig } from '../../shared/crypto/keys-config.js';
import { createDocumentClient } from '../../shared/store/dynamodb-client.js';
import { defaultStore } from '../../shared/store/default-store.js';
import { storeConfig } from '../../shared/store/store-config.js';
import { Store } from '../../shared/store/store.js';

/** Tables this test file made; worker-setup drops them when the file is done. */
const madeTables: string[] = [];

/**
 * A fresh table (same definition as production) in the run's DynamoDB Local. Without a stream unless
 * the test reads it: DynamoDB Local's stream makes every later write of the run slower
 * (bin/local/table-setup.ts).
 */
export async function freshTable(options: { stream?: boolean } = {}): Promise<{ tableName: string; store: Store }> {
  const endpoint = inject('dynamoDbEndpoint');
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint });
  await ensureTable(client, tableName, { stream: options.stream ?? false });
  client.destroy();
  madeTables.push(tableName);
  return { tableName, store: new Store(createDocumentClient(endpoint), tableName) };
}

/**
 * Points this worker's handlers (which read GATEHOUSE_TABLE and GATEHOUSE_DATA_DIR like a Lambda
 * does) at a fresh table and a fresh data directory.
 */
export async function useFreshEnvironment(options: { stream?: boolean } = {}): Promise<{ tableName: string; store: Store; dataDir: string }> {
  const { tableName, store } = await freshTable(options);
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-test-'));
  process.env.GATEHOUSE_TABLE = tableName;
  process.env.GATEHOUSE_DATA_DIR = dataDir;
  storeConfig.reset();
  keysConfig.reset();
  defaultStore.reset();
  return { tableName, store, dataDir };
}

/**
 * Drops the file's tables: DynamoDB Local keeps every table of the run in memory, and a run of many
 * files otherwise slows down as its heap fills.
 */
export async function dropFreshTables(): Promise<void> {
  if (madeTables.length === 0) return;
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint') });
  try {
    for (const tableName of madeTables.splice(0)) await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  } finally {
    client.destroy();
  }
}
