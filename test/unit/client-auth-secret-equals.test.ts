import { describe, expect, it } from 'vitest';
import { secretEquals } from '../../shared/oidc/client-auth/secret-equals.js';

describe('constant-time client secret comparison', () => {
  it('matches only the exact secret', () => {
    expect(secretEquals('s3cret', 's3cret')).toBe(true);
    expect(secretEquals('s3cret', 's3creT')).toBe(false);
    expect(secretEquals('s3cret ', 's3cret')).toBe(false);
    expect(secretEquals('', 's3cret')).toBe(false);
    expect(secretEquals('ö', 'o\u0308')).toBe(false);
  });

  it('compares secrets of any lengths without throwing (digests are always 32 bytes)', () => {
    expect(secretEquals('a', 'a'.repeat(10_000))).toBe(false);
    expect(secretEquals('a'.repeat(10_000), 'a'.repeat(10_000))).toBe(true);
  });
});
