import { describe, expect, it } from 'vitest';
import { balanceAction } from '../../examples/balance-sync/src/app.js';
import { eventListenerRecord } from '../../shared/events/listeners/listener.js';
import { listenerFrom } from '../../shared/events/listeners/listener-validation.js';
import { importedListeners, listenersAttribute, LISTENERS_ATTRIBUTE } from '../../shared/events/listeners/realm-json.js';
import { eventMail } from '../../shared/events/listeners/email/event-mail.js';

/** Listener settings (the `/event-listeners` JSON), their realm JSON form, the email listener's mails. */

const hook = { type: 'webhook', url: 'https://billing.example.com/hook', secret: 'sixteen-chars-ok!' };

describe('listener settings', () => {
  it('fills in defaults', () => {
    expect(listenerFrom(hook, 'h1')).toEqual({ id: 'h1', type: 'webhook', enabled: true, url: hook.url, secret: hook.secret, eventTypes: [], includeAdminEvents: false });
    expect(listenerFrom({ type: 'log', eventTypes: ['LOGIN', 'LOGIN'] }, 'l1')).toMatchObject({ eventTypes: ['LOGIN'] });
  });

  it('refuses what cannot work', () => {
    expect(listenerFrom({ type: 'sms' }, 'x')).toMatch(/type must be one of webhook, email, log/);
    expect(listenerFrom({ ...hook, url: 'http://billing.example.com/hook' }, 'x')).toMatch(/must be https/);
    expect(listenerFrom({ ...hook, url: 'https://user:pw@billing.example.com/' }, 'x')).toMatch(/credentials/);
    expect(listenerFrom({ ...hook, url: 'not a url' }, 'x')).toMatch(/not a URL/);
    expect(listenerFrom({ ...hook, secret: 'short' }, 'x')).toMatch(/at least 16/);
    expect(listenerFrom({ type: 'webhook', url: hook.url }, 'x')).toMatch(/secret/);
    expect(listenerFrom({ type: 'email', url: hook.url }, 'x')).toMatch(/no url or secret/);
    expect(listenerFrom({ type: 'email', includeAdminEvents: true }, 'x')).toMatch(/user events only/);
    expect(listenerFrom({ type: 'log', eventTypes: ['login'] }, 'x')).toMatch(/Not an event type/);
    expect(listenerFrom({ type: 'log' }, 'bad/id')).toMatch(/Listener id/);
  });

  it('allows plain http only to this machine (local runtimes)', () => {
    for (const url of ['http://localhost:8090/webhook', 'http://127.0.0.1:8090/webhook', 'http://[::1]:8090/webhook']) expect(listenerFrom({ ...hook, url }, 'x'), url).toMatchObject({ url });
  });

  it('keeps the stored secret when an update sends none, and the type', () => {
    const existing = listenerFrom(hook, 'h1') as ReturnType<typeof listenerFrom> & object;
    expect(listenerFrom({ url: 'https://new.example.com' }, 'h1', existing as never)).toMatchObject({ secret: hook.secret, url: 'https://new.example.com' });
    expect(listenerFrom({ type: 'log' }, 'h1', existing as never)).toMatch(/keeps its type/);
  });
});

describe('listeners in realm JSON', () => {
  it('export as a realm attribute without secrets, and import back (a secretless webhook comes in disabled)', () => {
    const records = [eventListenerRecord('r1', listenerFrom(hook, 'h1') as never), eventListenerRecord('r1', listenerFrom({ type: 'email' }, 'm1') as never)];
    const attributes = listenersAttribute(records);
    expect(attributes[LISTENERS_ATTRIBUTE]).not.toContain(hook.secret);
    const imported = importedListeners('r2', { realm: 'copy', attributes: { ...attributes, other: 'kept' } });
    expect(imported.rep.attributes).toEqual({ other: 'kept' });
    expect(imported.records.map((r) => [r.pk, r.rep.id, r.rep.type, r.rep.enabled, r.rep.secret])).toEqual([
      ['REALM#r2', 'h1', 'webhook', false, undefined],
      ['REALM#r2', 'm1', 'email', true, undefined],
    ]);
    const withSecret = importedListeners('r2', { attributes: { [LISTENERS_ATTRIBUTE]: JSON.stringify([{ id: 'h', ...hook }]) } });
    expect(withSecret.records[0]!.rep).toMatchObject({ enabled: true, secret: hook.secret });
  });

  it('refuse a realm whose listeners do not validate, and leave realms without them alone', () => {
    expect(() => importedListeners('r', { attributes: { [LISTENERS_ATTRIBUTE]: '{' } })).toThrow(/not JSON/);
    expect(() => importedListeners('r', { attributes: { [LISTENERS_ATTRIBUTE]: '[{"type":"sms"}]' } })).toThrow(/type must be/);
    const plain = { realm: 'x', attributes: { a: 'b' } };
    expect(importedListeners('r', plain)).toEqual({ rep: plain, records: [] });
    expect(listenersAttribute([])).toEqual({});
  });
});

describe("Keycloak's email listener mails", () => {
  it('uses the theme messages with the date and the IP address', () => {
    expect(eventMail('LOGIN_ERROR', Date.UTC(2024, 0, 2, 3, 4, 5), '203.0.113.9')).toEqual({
      subject: 'Login error',
      text: 'A failed login attempt was detected to your account on Tue, 02 Jan 2024 03:04:05 GMT from 203.0.113.9. If this was not you, please contact an administrator.',
      html: '<p>A failed login attempt was detected to your account on Tue, 02 Jan 2024 03:04:05 GMT from 203.0.113.9. If this was not you, please contact an administrator.</p>',
    });
    expect(eventMail('UPDATE_TOTP', 0, undefined)?.subject).toBe('Update OTP');
    expect(eventMail('LOGIN', 0, undefined)).toBeUndefined();
  });
});

describe('balance-sync: what an event means for balances', () => {
  it('opens on REGISTER and admin CREATE of a user, closes on DELETE_ACCOUNT and admin DELETE, ignores the rest', () => {
    expect(balanceAction({ type: 'REGISTER', userId: 'u1' })).toEqual({ action: 'open', userId: 'u1' });
    expect(balanceAction({ type: 'DELETE_ACCOUNT', userId: 'u1' })).toEqual({ action: 'close', userId: 'u1' });
    expect(balanceAction({ operationType: 'CREATE', resourceType: 'USER', resourcePath: 'users/u2' })).toEqual({ action: 'open', userId: 'u2' });
    expect(balanceAction({ operationType: 'DELETE', resourceType: 'USER', resourcePath: 'users/u2' })).toEqual({ action: 'close', userId: 'u2' });
    expect(balanceAction({ operationType: 'UPDATE', resourceType: 'USER', resourcePath: 'users/u2' })).toBeUndefined();
    expect(balanceAction({ operationType: 'CREATE', resourceType: 'USER', resourcePath: 'users/u2/groups/g' })).toBeUndefined();
    expect(balanceAction({ operationType: 'CREATE', resourceType: 'GROUP', resourcePath: 'groups/g' })).toBeUndefined();
    expect(balanceAction({ type: 'LOGIN', userId: 'u1' })).toBeUndefined();
  });
});
