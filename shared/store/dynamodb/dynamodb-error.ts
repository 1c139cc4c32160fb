import { unmarshall } from '@aws-sdk/util-dynamodb';

export interface CancellationReason {
  readonly Code?: string;
  readonly Message?: string;
  /** The item as it was, when the write asked for ReturnValuesOnConditionCheckFailure ALL_OLD. */
  readonly Item?: Record<string, unknown>;
}

/**
 * An error DynamoDB answered, named as the AWS SDK names it (`ConditionalCheckFailedException`,
 * `TransactionCanceledException`, `ValidationException`, ...) so callers test `error.name` either way.
 * Items it carries (ALL_OLD on a failed condition) are already unmarshalled into plain values.
 */
export class DynamoDbError extends Error {
  /** The item as it was when a condition failed (ReturnValuesOnConditionCheckFailure ALL_OLD). */
  readonly Item?: Record<string, unknown>;
  readonly CancellationReasons?: readonly CancellationReason[];

  constructor(
    override readonly name: string,
    message: string,
    readonly statusCode: number,
    details: { Item?: Record<string, unknown>; CancellationReasons?: readonly CancellationReason[] } = {},
  ) {
    super(message);
    if (details.Item) this.Item = details.Item;
    if (details.CancellationReasons) this.CancellationReasons = details.CancellationReasons;
  }
}

/**
 * The JSON protocol's error body: `{"__type": "com.amazonaws.dynamodb.v20120810#Name", "message": ...}`
 * (`Message` in some errors), plus the error's own members. A body that is not JSON (a proxy's HTML
 * page) still gives an error named after the status.
 */
export function errorFromResponse(statusCode: number, body: string): DynamoDbError {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    // not JSON: named below from the status
  }
  const type = typeof parsed['__type'] === 'string' ? parsed['__type'] : '';
  const name = type.slice(type.lastIndexOf('#') + 1) || (statusCode >= 500 ? 'InternalServerError' : `Http${statusCode}Error`);
  const message = parsed['message'] ?? parsed['Message'];
  const item = parsed['Item'] as Parameters<typeof unmarshall>[0] | undefined;
  const reasons = parsed['CancellationReasons'] as { Code?: string; Message?: string; Item?: Parameters<typeof unmarshall>[0] }[] | undefined;
  return new DynamoDbError(name, typeof message === 'string' ? message : `DynamoDB answered ${statusCode}`, statusCode, {
    ...(item ? { Item: unmarshall(item) } : {}),
    ...(Array.isArray(reasons)
      ? { CancellationReasons: reasons.map((reason) => (reason.Item ? { ...reason, Item: unmarshall(reason.Item) } : reason) as CancellationReason) }
      : {}),
  });
}
