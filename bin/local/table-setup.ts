import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition, type IndexDefinition } from '../../shared/store/table.js';

/**
 * Creates the table from the same definition the CDK stack uses, or brings an existing one up to
 * date (missing indexes, TTL, the stream when asked for). Used by `npm start` and the test setup; on
 * AWS the stack does this.
 *
 * `stream: false` leaves the stream out of a new table. DynamoDB Local records a stream entry for
 * every write and looks its stream up on every write with a scan that grows with every record kept
 * (24 h, dropped tables' included): measured on 2.9.30, 1.3 ms per PutItem at first, 19 ms after
 * 30,000 writes, against a flat 0.8–1.4 ms without a stream. Only what reads the stream (the local
 * events pipeline) needs one.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: { stream?: boolean } = {}): Promise<'created' | 'updated' | 'unchanged'> {
  const stream = options.stream ?? true;
  const current = await describe(client, tableName);
  if (!current) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(),
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalIndexes.map(indexSpec),
        ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView } } : {}),
      }),
    );
    await waitUntilActive(client, tableName);
    await enableTimeToLive(client, tableName);
    return 'created';
  }
  let changed = false;
  const existing = new Set((current.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of tableDefinition.globalIndexes.filter((gsi) => !existing.has(gsi.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(),
        GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
      }),
    );
    // DynamoDB builds one new index at a time: wait before asking for the next.
    await waitUntilActive(client, tableName);
    changed = true;
  }
  if (stream && !current.StreamSpecification?.StreamEnabled) {
    await client.send(
      new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView } }),
    );
    await waitUntilActive(client, tableName);
    changed = true;
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await enableTimeToLive(client, tableName);
    changed = true;
  }
  return changed ? 'updated' : 'unchanged';
}

/** Polls until the table and all its indexes are ACTIVE (DynamoDB Local is immediate; AWS is not). */
async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    const table = await describe(client, tableName);
    if (table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')) return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

function enableTimeToLive(client: DynamoDBClient, tableName: string) {
  return client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    }),
  );
}

function attributeDefinitions(): AttributeDefinition[] {
  const names = new Set([tableDefinition.partitionKey, tableDefinition.sortKey]);
  for (const index of tableDefinition.globalIndexes) names.add(index.partitionKey).add(index.sortKey);
  return [...names].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
}

function indexSpec(index: IndexDefinition): GlobalSecondaryIndex {
  return {
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: index.projection },
  };
}
