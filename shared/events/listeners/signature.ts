import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (issue 5; Stripe's scheme). */
export const SIGNATURE_HEADER = 'Gatehouse-Signature';
/** Header carrying the event id, so a receiver can drop duplicates before parsing (delivery is at least once). */
export const EVENT_ID_HEADER = 'Gatehouse-Event-Id';

/**
 * The signature header value for a body. The timestamp is part of the signed text, so a receiver can
 * refuse stale deliveries; the body is signed byte for byte as sent.
 */
export function signatureHeader(secret: string, body: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

/**
 * Checks a signature header against the raw body: some `v1` must be the HMAC under the secret (several
 * are allowed while a secret is rotated) and `t` within the tolerance of now.
 */
export function verifySignature(
  header: string | undefined,
  body: string,
  secret: string,
  options: { toleranceSeconds: number; nowSeconds?: number },
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > options.toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  return parts
    .filter(([name, value]) => name === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value))
    .some(([, value]) => timingSafeEqual(Buffer.from(value!, 'hex'), expected));
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}
