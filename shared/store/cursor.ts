import { InvalidCursorError } from './errors.js';

/**
 * Opaque paging cursors: DynamoDB's LastEvaluatedKey, base64url-encoded JSON. A cursor only works
 * for the query that produced it (DynamoDB rejects a start key outside the key condition), so a
 * tampered cursor can page nothing it could not already read; malformed ones are rejected here.
 */
export type StartKey = Record<string, string>;

export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined {
  if (!lastEvaluatedKey) return undefined;
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): StartKey | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('Invalid paging cursor');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidCursorError('Invalid paging cursor');
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 4 || entries.some(([, v]) => typeof v !== 'string')) {
    throw new InvalidCursorError('Invalid paging cursor');
  }
  return Object.fromEntries(entries) as StartKey;
}
