import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies Gatehouse's webhook signature: the `Gatehouse-Signature` header is
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` under the listener's secret. Verify the
 * raw body exactly as received (before any JSON parsing), compare in constant time, and refuse old
 * timestamps. Gatehouse (EventBridge on AWS) retries a delivery for up to 24 hours with the signature
 * it was first sent with, so the tolerance covers that window; replays inside it are harmless here
 * because every event is applied at most once (by its id).
 */
export function verifyGatehouseSignature(header: string | undefined, rawBody: string, secret: string, toleranceSeconds: number, now = Date.now()): boolean {
  if (!header) return false;
  const fields = header.split(',').map((field) => field.trim().split('=', 2) as [string, string?]);
  const timestamp = Number(fields.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest();
  return fields.some(([name, value]) => {
    if (name !== 'v1' || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
