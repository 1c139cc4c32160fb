import type { CallRecord, DynamoDbJsonClient } from '../../shared/store/dynamodb/dynamodb-json-client.js';

/** Capacity units DynamoDB reported, and the calls that consumed them, since the counter started. */
export interface CapacityTotals {
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Calls per operation (GetItem, Query, TransactWriteItems, ...). */
  readonly calls: Record<string, number>;
  /** Calls that failed (a failed conditional write still costs write units DynamoDB does not report). */
  readonly failedCalls: number;
}

const readOperations = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/**
 * Adds up the capacity DynamoDB reports for every call the store's client makes while counting is
 * on: the client's observer hook (`DynamoDbJsonClient.observe`) asks for ReturnConsumedCapacity TOTAL
 * while subscribed. Off during the load matrix, so the load runs request what production requests.
 */
export function countConsumedCapacity(client: DynamoDbJsonClient): { start(): void; stop(): void; totals(): CapacityTotals } {
  let readUnits = 0;
  let writeUnits = 0;
  let failedCalls = 0;
  const calls: Record<string, number> = {};
  let unsubscribe: (() => void) | undefined;
  const record = (call: CallRecord): void => {
    calls[call.operation] = (calls[call.operation] ?? 0) + 1;
    if (call.failed) failedCalls++;
    for (const entry of call.consumedCapacity) {
      const units = entry.CapacityUnits ?? (entry.ReadCapacityUnits ?? 0) + (entry.WriteCapacityUnits ?? 0);
      if (readOperations.has(call.operation)) readUnits += units;
      else writeUnits += units;
    }
  };
  return {
    start: () => {
      unsubscribe ??= client.observe(record, { consumedCapacity: true });
    },
    stop: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
    totals: () => ({ readUnits, writeUnits, calls: { ...calls }, failedCalls }),
  };
}
