/**
 * DynamoDB's TTL deletes expired items lazily (up to days later; DynamoDB Local never does), so an
 * item whose `expiresAt` (epoch seconds) has passed is treated as absent by every read.
 */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function isExpired(item: object | undefined, now = nowSeconds()): boolean {
  const expiresAt = (item as { expiresAt?: unknown } | undefined)?.expiresAt;
  return typeof expiresAt === 'number' && expiresAt <= now;
}
