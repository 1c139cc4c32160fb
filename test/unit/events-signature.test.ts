import { describe, expect, it } from 'vitest';
import { verifyGatehouseSignature } from '../../examples/balance-sync/src/verify-signature.js';
import { signatureHeader, verifySignature } from '../../shared/events/listeners/signature.js';

/** Gatehouse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> (issue 5). */
const secret = 'whsec-0123456789abcdef';
const body = '{"id":"e1","type":"REGISTER","realmName":"shop","note":"grüße"}';

describe('webhook signatures', () => {
  it('is the HMAC-SHA256 of "<t>.<body>" in hex (a fixed vector)', () => {
    // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
    expect(signatureHeader('key', '{"a":1}', 1_700_000_000)).toBe('t=1700000000,v1=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03');
    expect(signatureHeader(secret, body, 1_700_000_000)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it('verifies in Gatehouse and in the balance-sync example alike', () => {
    const now = 1_700_000_100;
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifySignature(header, body, secret, { toleranceSeconds: 300, nowSeconds: now })).toBe(true);
    expect(verifyGatehouseSignature(header, body, secret, 300, now * 1000)).toBe(true);
  });

  it('refuses another body, another secret, a stale or future timestamp, and a missing header', () => {
    const now = 1_700_000_000;
    const header = signatureHeader(secret, body, now);
    for (const check of [
      (h: string | undefined, b: string, s: string, n: number) => verifySignature(h, b, s, { toleranceSeconds: 300, nowSeconds: n }),
      (h: string | undefined, b: string, s: string, n: number) => verifyGatehouseSignature(h, b, s, 300, n * 1000),
    ]) {
      expect(check(header, body.replace('shop', 'shoq'), secret, now)).toBe(false);
      expect(check(header, body, `${secret}x`, now)).toBe(false);
      expect(check(header, body, secret, now + 301)).toBe(false);
      expect(check(header, body, secret, now - 301)).toBe(false);
      expect(check(undefined, body, secret, now)).toBe(false);
      expect(check('t=abc,v1=00', body, secret, now)).toBe(false);
    }
  });

  it('accepts any of several v1 values (a secret being rotated)', () => {
    const now = 1_700_000_000;
    const old = signatureHeader('old-secret-0123456789', body, now);
    const current = signatureHeader(secret, body, now);
    const both = `${current},${old.split(',')[1]}`;
    expect(verifySignature(both, body, 'old-secret-0123456789', { toleranceSeconds: 60, nowSeconds: now })).toBe(true);
    expect(verifyGatehouseSignature(both, body, secret, 60, now * 1000)).toBe(true);
  });
});
