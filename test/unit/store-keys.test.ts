import { describe, expect, it } from 'vitest';
import {
  componentKey,
  credentialKey,
  emailKey,
  realmKey,
  realmNameKey,
  realmPart,
  userKey,
  userListing,
  usernameKey,
} from '../../shared/store/keys.js';
import { decodeCursor, encodeCursor } from '../../shared/store/cursor.js';
import { InvalidCursorError } from '../../shared/store/errors.js';
import { isExpired } from '../../shared/store/expiry.js';

describe('key builders', () => {
  it('keeps a realm and its components in one partition', () => {
    expect(realmKey('r1')).toEqual({ pk: 'REALM#r1', sk: '#' });
    expect(componentKey('r1', 'c1')).toEqual({ pk: 'REALM#r1', sk: 'COMPONENT#c1' });
  });

  it('gives each user a partition of its own, credentials inside it', () => {
    expect(userKey('r1', 'u1').pk).toBe('USER#r1#u1');
    expect(credentialKey('r1', 'u1', 'c1')).toEqual({ pk: 'USER#r1#u1', sk: 'CREDENTIAL#c1' });
    expect(userKey('r1', 'u1').pk).not.toBe(userKey('r2', 'u1').pk);
  });

  it('matches usernames and emails case-insensitively, realm names exactly', () => {
    expect(usernameKey('r1', 'Alice')).toEqual(usernameKey('r1', 'alice'));
    expect(emailKey('r1', 'A@Example.COM')).toEqual(emailKey('r1', 'a@example.com'));
    expect(realmNameKey('Acme')).not.toEqual(realmNameKey('acme'));
    expect(userListing('r1', 'Bob')).toEqual({ gsi1pk: 'USERS#r1', gsi1sk: 'bob' });
  });

  it('registers partitions under their realm for cascade deletes', () => {
    expect(realmPart('r1', 'USER#r1#u1')).toEqual({ gsi2pk: 'REALMPARTS#r1', gsi2sk: 'USER#r1#u1' });
  });
});

describe('cursors and expiry', () => {
  it('round-trips a LastEvaluatedKey and rejects anything else', () => {
    const key = { pk: 'REALM#r', sk: 'COMPONENT#c' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(encodeCursor(undefined)).toBeUndefined();
    for (const bad of ['not-base64-json', Buffer.from('[1]').toString('base64url'), Buffer.from('{"pk":1}').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(InvalidCursorError);
    }
  });

  it('treats items past expiresAt as expired and items without it as live', () => {
    expect(isExpired({ expiresAt: 100 }, 100)).toBe(true);
    expect(isExpired({ expiresAt: 101 }, 100)).toBe(false);
    expect(isExpired({}, 100)).toBe(false);
    expect(isExpired(undefined, 100)).toBe(false);
  });
});
