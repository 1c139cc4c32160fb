import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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

/** A fresh table (same definition as production) in the run's DynamoDB Local. */
export async function freshTable(): Promise<{ tableName: string; store: Store }> {
  const endpoint = inject('dynamoDbEndpoint');
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint });
  await ensureTable(client, tableName);
  client.destroy();
  return { tableName, store: new Store(createDocumentClient(endpoint), tableName) };
}

/**
 * Points this worker's handlers (which read GATEHOUSE_TABLE and GATEHOUSE_DATA_DIR like a Lambda
 * does) at a fresh table and a fresh data directory.
 */
export async function useFreshEnvironment(): Promise<{ tableName: string; store: Store; dataDir: string }> {
  const { tableName, store } = await freshTable();
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-test-'));
  process.env.GATEHOUSE_TABLE = tableName;
  process.env.GATEHOUSE_DATA_DIR = dataDir;
  storeConfig.reset();
  keysConfig.reset();
  defaultStore.reset();
  return { tableName, store, dataDir };
}
