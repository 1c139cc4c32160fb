import type { DynamoDbJsonClient } from './dynamodb/dynamodb-json-client.js';
import type { BatchWriteRequest, TransactWriteItem } from './dynamodb/document-types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { ConcurrentModificationError, ConflictError, StoreValidationError } from './errors.js';
import { isExpired, nowSeconds } from './expiry.js';
import type { ItemKey } from './keys.js';
import { tableDefinition } from './table.js';

/** Any stored item: its key plus attributes. */
export type Item = ItemKey & Record<string, unknown>;

/**
 * One write inside a transaction. `onConflict` builds the error reported when this write's condition
 * fails (e.g. "User exists with same username" for a username sentinel).
 */
export type TransactWrite =
  | { kind: 'create'; item: Item; onConflict: () => Error }
  | { kind: 'put'; item: Item }
  | { kind: 'delete'; key: ItemKey; mustExist?: boolean; onConflict?: () => Error }
  | { kind: 'bumpConfigVersion'; key: ItemKey }
  | { kind: 'updateVersioned'; key: ItemKey; expectedVersion: number; set: Record<string, unknown>; add?: Record<string, number> };

export interface QueryOptions {
  readonly partition: string;
  readonly skPrefix?: string;
  /** A global index of the table (gsi1, gsi2); its key attributes are used instead of pk/sk. */
  readonly index?: 'gsi1' | 'gsi2';
  readonly limit: number;
  readonly cursor?: string;
  readonly consistent?: boolean;
  readonly ascending?: boolean;
}

export interface Page<T> {
  readonly items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  readonly cursor?: string;
}

const MAX_BATCH = 25;

/**
 * The typed repository layer over the DynamoDB JSON client (DESIGN.md §5). Every condition on a write
 * says why it is there; DynamoDB's condition failures come back as domain errors.
 */
export class Store {
  constructor(
    readonly client: DynamoDbJsonClient,
    readonly tableName: string,
  ) {}

  /** The item, or undefined when absent or expired. */
  async get<T extends Item = Item>(key: ItemKey, options: { consistent?: boolean } = {}): Promise<T | undefined> {
    const out = await this.send(() =>
      this.client.getItem({ TableName: this.tableName, Key: key, ConsistentRead: options.consistent }),
    );
    const item = out.Item as T | undefined;
    return item && !isExpired(item) ? item : undefined;
  }

  /**
   * Writes an item that must not exist yet. Condition: attribute_not_exists(pk) — a create never
   * overwrites; an expired leftover with the same key still counts as existing, so callers use fresh ids.
   */
  async create(item: Item, onConflict: () => Error): Promise<void> {
    await this.send(
      () =>
        this.client.putItem({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      onConflict,
    );
  }

  /** Unconditional write; only for items nobody else writes concurrently (caches, probes). */
  async put(item: Item): Promise<void> {
    await this.send(() => this.client.putItem({ TableName: this.tableName, Item: item }));
  }

  /**
   * Optimistic concurrency: the update applies only while `version` still equals what the caller read,
   * and increments it, so of two writers working from the same read exactly one succeeds.
   */
  async updateVersioned(key: ItemKey, expectedVersion: number, set: Record<string, unknown>): Promise<Item> {
    const out = await this.send(
      () => this.client.updateItem({ ...versionedUpdate(this.tableName, key, expectedVersion, set), ReturnValues: 'ALL_NEW' }),
      () => new ConcurrentModificationError('The item was changed or removed by someone else; read it again'),
    );
    return out.Attributes as Item;
  }

  /**
   * Single-use consumption: delete the item and return what it was. Condition: it exists and has not
   * expired — of two concurrent consumers exactly one gets the item, the other gets undefined.
   */
  async consume<T extends Item = Item>(key: ItemKey): Promise<T | undefined> {
    try {
      const out = await this.client.deleteItem({
        TableName: this.tableName,
        Key: key,
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
        ExpressionAttributeValues: { ':now': nowSeconds() },
        ReturnValues: 'ALL_OLD',
      });
      return out.Attributes as T | undefined;
    } catch (error) {
      if (errorName(error) === 'ConditionalCheckFailedException') return undefined;
      throw mapValidation(error);
    }
  }

  /**
   * All-or-nothing writes (at most 100). A failed condition cancels the whole transaction and is
   * reported with the `onConflict` error of the write whose condition failed.
   */
  async transact(writes: readonly TransactWrite[]): Promise<void> {
    if (writes.length === 0) return;
    if (writes.length > 100) throw new Error('A transaction holds at most 100 writes');
    try {
      await this.client.transactWriteItems({ TransactItems: writes.map((w) => this.transactItem(w)) });
    } catch (error) {
      if (errorName(error) !== 'TransactionCanceledException') throw mapValidation(error);
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      const write = failed >= 0 ? writes[failed] : undefined;
      if (write) throw conflictFor(write);
      // Cancelled for a concurrent transaction on the same items (TransactionConflict): safe to retry.
      throw new ConcurrentModificationError('A concurrent change touched the same data; try again');
    }
  }

  /** One page of a partition (or of an index partition); expired items are left out. */
  async query<T extends Item = Item>(options: QueryOptions): Promise<Page<T>> {
    const [pkName, skName] = options.index ? indexKeys(options.index) : ['pk', 'sk'];
    const names: Record<string, string> = { '#pk': pkName };
    const values: Record<string, unknown> = { ':pk': options.partition };
    let condition = '#pk = :pk';
    if (options.skPrefix !== undefined) {
      names['#sk'] = skName;
      values[':sk'] = options.skPrefix;
      condition += ' AND begins_with(#sk, :sk)';
    }
    const out = await this.send(() =>
      this.client.query({
        TableName: this.tableName,
        IndexName: options.index,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: options.limit,
        ExclusiveStartKey: decodeCursor(options.cursor),
        ConsistentRead: options.index ? undefined : options.consistent,
        ScanIndexForward: options.ascending ?? true,
      }),
    );
    const now = nowSeconds();
    const items = ((out.Items ?? []) as T[]).filter((item) => !isExpired(item, now));
    const cursor = encodeCursor(out.LastEvaluatedKey);
    return cursor ? { items, cursor } : { items };
  }

  /** Every item of a partition, page by page (internal use: cascades, realm loading). */
  async *queryAll<T extends Item = Item>(options: Omit<QueryOptions, 'limit' | 'cursor'>): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const page: Page<T> = await this.query<T>({ ...options, limit: 500, cursor });
      yield* page.items;
      cursor = page.cursor;
    } while (cursor);
  }

  /** Deletes many items, 25 per request, retrying what DynamoDB leaves unprocessed. */
  async deleteMany(keys: readonly ItemKey[]): Promise<void> {
    await this.batchWrite(keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })));
  }

  /**
   * Writes many new items without conditions, 25 per request. Only for items nobody else can know yet
   * (fresh ids under a realm being created); everything else goes through conditional writes.
   */
  async putMany(items: readonly Item[]): Promise<void> {
    await this.batchWrite(items.map((item) => ({ PutRequest: { Item: item } })));
  }

  private async batchWrite(requests: readonly BatchWriteRequest[]): Promise<void> {
    for (let start = 0; start < requests.length; start += MAX_BATCH) {
      let pending: readonly BatchWriteRequest[] = requests.slice(start, start + MAX_BATCH);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        const out = await this.send(() =>
          this.client.batchWriteItem({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = out.UnprocessedItems?.[this.tableName] ?? [];
        if (attempt > 10 && pending.length > 0) throw new Error('DynamoDB kept items unprocessed; try again later');
      }
    }
  }

  private transactItem(write: TransactWrite): TransactWriteItem {
    const TableName = this.tableName;
    switch (write.kind) {
      case 'create':
        // Condition: the key is free — entity ids and uniqueness sentinels are claimed exactly once.
        return { Put: { TableName, Item: write.item, ConditionExpression: 'attribute_not_exists(pk)' } };
      case 'put':
        return { Put: { TableName, Item: write.item } };
      case 'delete':
        // Condition (optional): the item is there, so a delete of something already gone is reported.
        return {
          Delete: { TableName, Key: write.key, ...(write.mustExist ? { ConditionExpression: 'attribute_exists(pk)' } : {}) },
        };
      case 'bumpConfigVersion':
        // Condition: the realm still exists; otherwise the bump would resurrect a half item.
        return {
          Update: {
            TableName,
            Key: write.key,
            UpdateExpression: 'ADD configVersion :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1 },
          },
        };
      case 'updateVersioned':
        return { Update: versionedUpdate(TableName, write.key, write.expectedVersion, write.set, write.add) };
    }
  }

  private async send<T>(call: () => Promise<T>, onConditionFailed?: () => Error): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (onConditionFailed && errorName(error) === 'ConditionalCheckFailedException') throw onConditionFailed();
      throw mapValidation(error);
    }
  }
}

function versionedUpdate(
  TableName: string,
  key: ItemKey,
  expectedVersion: number,
  set: Record<string, unknown>,
  add: Record<string, number> = {},
) {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1 };
  const assignments = Object.entries(set).map(([attribute, value], i) => {
    names[`#a${i}`] = attribute;
    values[`:v${i}`] = value;
    return `#a${i} = :v${i}`;
  });
  // ADD for counters other writers also bump (configVersion): relative, so no bump is ever lost.
  const increments = Object.entries(add).map(([attribute, amount], i) => {
    names[`#n${i}`] = attribute;
    values[`:n${i}`] = amount;
    return `#n${i} :n${i}`;
  });
  const addClause = increments.length ? ` ADD ${increments.join(', ')}` : '';
  return {
    TableName,
    Key: key,
    UpdateExpression: `SET ${[...assignments, '#version = #version + :one'].join(', ')}${addClause}`,
    // Condition: nobody wrote since our read (optimistic concurrency); also fails if the item is gone.
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

function conflictFor(write: TransactWrite): Error {
  if ((write.kind === 'create' || write.kind === 'delete') && write.onConflict) return write.onConflict();
  if (write.kind === 'updateVersioned') return new ConcurrentModificationError('The item was changed by someone else');
  if (write.kind === 'create') return new ConflictError('Item exists');
  return new ConcurrentModificationError('The item was changed or removed by someone else');
}

function indexKeys(index: 'gsi1' | 'gsi2'): [string, string] {
  const definition = tableDefinition.globalIndexes.find((gsi) => gsi.indexName === index);
  if (!definition) throw new Error(`Unknown index ${index}`);
  return [definition.partitionKey, definition.sortKey];
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | undefined)?.name;
}

/** DynamoDB's ValidationException means the request itself is unusable (e.g. a key over 2048 bytes). */
function mapValidation(error: unknown): unknown {
  if (errorName(error) === 'ValidationException') {
    return new StoreValidationError((error as Error).message);
  }
  return error;
}
