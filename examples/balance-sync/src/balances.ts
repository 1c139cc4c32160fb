import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  TransactionCanceledException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The hosting provider's own table (the blog's DynamoDB balance table): one balance item per user,
 * plus what makes applying events safe to repeat and to reorder.
 * - `EVENT#<eventId>`: the event was applied. Every write is conditional on this marker not existing,
 *   in the same transaction, so a duplicate delivery changes nothing.
 * - `BALANCE#<realmId>#<userId>` / `#`: the balance.
 * - `BALANCE#<realmId>#<userId>` / `DELETED`: a tombstone, so a creation that arrives after the deletion
 *   (retries do not keep order) cannot bring the balance back.
 * Markers and tombstones expire after a week, well past Gatehouse's 24-hour retry window.
 */
const KEEP_SECONDS = 7 * 24 * 60 * 60;

export type Outcome = 'created' | 'deleted' | 'duplicate' | 'already-deleted' | 'exists';

export interface Balance {
  readonly realmId: string;
  readonly userId: string;
  readonly balanceCents: number;
  readonly createdByEvent: string;
  readonly createdAt: string;
}

export class Balances {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(client);
  }

  /** Creates the table if it does not exist (locally; on AWS the CDK construct does). */
  async ensureTable(): Promise<void> {
    try {
      await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
      return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    await this.client.send(
      new CreateTableCommand({
        TableName: this.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await this.client.send(new UpdateTimeToLiveCommand({ TableName: this.tableName, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }));
  }

  async get(realmId: string, userId: string): Promise<Balance | undefined> {
    const out = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: balanceKey(realmId, userId), ConsistentRead: true }));
    return out.Item as Balance | undefined;
  }

  /** A user was registered or created: open their balance at zero. */
  async open(eventId: string, realmId: string, userId: string): Promise<Outcome> {
    const now = new Date();
    const outcome = await this.transact([
      marker(this.tableName, eventId),
      // The user was deleted already (the deletion overtook this event): no balance.
      { ConditionCheck: { TableName: this.tableName, Key: tombstoneKey(realmId, userId), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...balanceKey(realmId, userId), realmId, userId, balanceCents: 0, createdByEvent: eventId, createdAt: now.toISOString() },
          // One balance per user, even if both REGISTER and an admin CREATE were to arrive.
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return outcome ?? 'created';
  }

  /** A user was deleted: remove their balance and leave a tombstone. */
  async close(eventId: string, realmId: string, userId: string): Promise<Outcome> {
    const outcome = await this.transact([
      marker(this.tableName, eventId),
      { Delete: { TableName: this.tableName, Key: balanceKey(realmId, userId) } },
      { Put: { TableName: this.tableName, Item: { ...tombstoneKey(realmId, userId), deletedByEvent: eventId, expiresAt: expiry() } } },
    ]);
    return outcome ?? 'deleted';
  }

  /** Runs the writes; a failed condition answers which one (by position) as an outcome. */
  private async transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>): Promise<Outcome | undefined> {
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) && (error as Error).name !== 'TransactionCanceledException') throw error;
      const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed === 0) return 'duplicate';
      if (failed === 1) return 'already-deleted';
      if (failed === 2) return 'exists';
      throw error;
    }
  }
}

const balanceKey = (realmId: string, userId: string) => ({ pk: `BALANCE#${realmId}#${userId}`, sk: '#' });
const tombstoneKey = (realmId: string, userId: string) => ({ pk: `BALANCE#${realmId}#${userId}`, sk: 'DELETED' });
const expiry = () => Math.floor(Date.now() / 1000) + KEEP_SECONDS;

/** The idempotency marker: written only if this event id was never applied. */
function marker(TableName: string, eventId: string) {
  return { Put: { TableName, Item: { pk: `EVENT#${eventId}`, sk: '#', appliedAt: new Date().toISOString(), expiresAt: expiry() }, ConditionExpression: 'attribute_not_exists(pk)' } };
}
