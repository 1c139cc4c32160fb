import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

interface Consumed {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Asks DynamoDB for ReturnConsumedCapacity TOTAL on every call made through `client` and adds up what
 * it answers. Installed from the bench side as a client middleware, so the store code stays as it is
 * (the hook we would want in shared/store instead is described in BENCHMARKS.md).
 */
export function countConsumedCapacity(client: DynamoDBDocumentClient): { totals(): CapacityTotals } {
  let readUnits = 0;
  let writeUnits = 0;
  let failedCalls = 0;
  const calls: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls[name] = (calls[name] ?? 0) + 1;
      const dataPlane = readOperations.has(name) || writeOperations.has(name);
      const input = dataPlane ? { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'TOTAL' } : args.input;
      try {
        const result = await next({ ...args, input });
        const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
        for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          const units = entry.CapacityUnits ?? (entry.ReadCapacityUnits ?? 0) + (entry.WriteCapacityUnits ?? 0);
          if (readOperations.has(name)) readUnits += units;
          else if (writeOperations.has(name)) writeUnits += units;
        }
        return result;
      } catch (error) {
        failedCalls++;
        throw error;
      }
    },
    { step: 'initialize', name: 'benchConsumedCapacity', override: true },
  );
  return { totals: () => ({ readUnits, writeUnits, calls: { ...calls }, failedCalls }) };
}
