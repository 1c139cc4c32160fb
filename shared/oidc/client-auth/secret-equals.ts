import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented client secret with the stored one in constant time. Comparing SHA-256 digests
 * (always 32 bytes) keeps timingSafeEqual from leaking the stored secret's length through an early
 * length check; equal digests mean equal secrets for any practical purpose.
 */
export function secretEquals(presented: string, stored: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(stored));
}
