import { DynamoDbError } from './dynamodb-error.js';

/**
 * The AWS SDK's standard retry rules (smithy `StandardRetryStrategy`, service-error-classification),
 * for the errors DynamoDB's JSON API gives: at most 3 attempts; throttling, 5xx answers, timeouts and
 * dropped connections are retried with full-jitter exponential backoff (100 ms base, 500 ms after
 * throttling, 20 s cap). Condition failures and cancelled transactions are answers, never retried.
 */
export const MAX_ATTEMPTS = 3;

const throttlingErrors = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'LimitExceededException',
  'TooManyRequestsException',
]);

const networkErrors = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN']);

export type RetryKind = 'throttling' | 'transient' | 'none';

export function retryKind(error: unknown): RetryKind {
  if (error instanceof DynamoDbError) {
    if (throttlingErrors.has(error.name)) return 'throttling';
    return error.statusCode >= 500 || error.name === 'RequestTimeout' ? 'transient' : 'none';
  }
  const code = (error as { code?: string } | undefined)?.code;
  const name = (error as { name?: string } | undefined)?.name;
  return (code && networkErrors.has(code)) || name === 'TimeoutError' ? 'transient' : 'none';
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): random in [0, min(20 s, base · 2^attempt)). */
export function backoffMs(attempt: number, kind: RetryKind, random: () => number = Math.random): number {
  const base = kind === 'throttling' ? 500 : 100;
  return Math.floor(random() * Math.min(20_000, base * 2 ** attempt));
}
