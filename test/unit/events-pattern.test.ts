import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../shared/events/listeners/event-pattern.js';
import { DETAIL_TYPE, listenerPattern } from '../../shared/events/listeners/rules.js';

/** EventBridge's event pattern rules (user guide "Event patterns"), as the local bus and the publisher apply them. */
const event = {
  source: 'gatehouse',
  'detail-type': 'UserEvent',
  detail: { type: 'LOGIN_ERROR', realmId: 'r1', realmName: 'shop', details: { username: 'alice' }, tags: ['a', 'b'] },
};

describe('event patterns', () => {
  it('matches when every field of the pattern matches one of its values', () => {
    expect(matchesPattern({ source: ['gatehouse'], 'detail-type': ['UserEvent', 'AdminEvent'] }, event)).toBe(true);
    expect(matchesPattern({ source: ['other'] }, event)).toBe(false);
    expect(matchesPattern({ detail: { type: ['LOGIN'] } }, event)).toBe(false);
  });

  it('descends into nested objects and treats an array value as matching when any element does', () => {
    expect(matchesPattern({ detail: { details: { username: ['alice'] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { tags: ['b'] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { tags: ['c'] } }, event)).toBe(false);
  });

  it('knows prefix, suffix, anything-but, exists and equals-ignore-case', () => {
    expect(matchesPattern({ detail: { type: [{ prefix: 'LOGIN' }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { type: [{ suffix: '_ERROR' }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { type: [{ 'anything-but': ['LOGIN_ERROR'] }] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { type: [{ 'anything-but': 'LOGIN' }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { error: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { error: [{ exists: true }] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { realmName: [{ 'equals-ignore-case': 'SHOP' }] } }, event)).toBe(true);
  });

  it('requires one of the $or alternatives on top of the other fields', () => {
    const pattern = { source: ['gatehouse'], $or: [{ detail: { type: ['REGISTER'] } }, { 'detail-type': ['UserEvent'] }] };
    expect(matchesPattern(pattern, event)).toBe(true);
    expect(matchesPattern({ ...pattern, source: ['x'] }, event)).toBe(false);
    expect(matchesPattern({ $or: [{ detail: { type: ['REGISTER'] } }, { 'detail-type': ['AdminEvent'] }] }, event)).toBe(false);
  });
});

describe('listener patterns', () => {
  const user = (type: string) => ({ source: 'gatehouse', 'detail-type': DETAIL_TYPE.user, detail: { type } });
  const admin = { source: 'gatehouse', 'detail-type': DETAIL_TYPE.admin, detail: { operationType: 'CREATE' } };

  it('takes the listed user event types, or all of them when none are listed', () => {
    const some = listenerPattern({ type: 'webhook', eventTypes: ['REGISTER'], includeAdminEvents: false });
    expect(matchesPattern(some, user('REGISTER'))).toBe(true);
    expect(matchesPattern(some, user('LOGIN'))).toBe(false);
    expect(matchesPattern(some, admin)).toBe(false);
    expect(matchesPattern(listenerPattern({ type: 'webhook', eventTypes: [], includeAdminEvents: false }), user('LOGIN'))).toBe(true);
  });

  it('takes admin events only when asked to', () => {
    const both = listenerPattern({ type: 'log', eventTypes: ['REGISTER'], includeAdminEvents: true });
    expect(matchesPattern(both, admin)).toBe(true);
    expect(matchesPattern(both, user('REGISTER'))).toBe(true);
    expect(matchesPattern(both, user('LOGIN'))).toBe(false);
  });

  it("gives the email listener Keycloak's four event types by default, and never admin events", () => {
    const email = listenerPattern({ type: 'email', eventTypes: [], includeAdminEvents: true });
    for (const type of ['LOGIN_ERROR', 'UPDATE_PASSWORD', 'UPDATE_TOTP', 'REMOVE_TOTP']) expect(matchesPattern(email, user(type)), type).toBe(true);
    expect(matchesPattern(email, user('LOGIN'))).toBe(false);
    expect(matchesPattern(email, admin)).toBe(false);
  });
});
