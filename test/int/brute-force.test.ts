import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { guardedPasswordCheck } from '../../shared/authn/brute-force/check-password.js';
import { LoginFailures } from '../../shared/authn/brute-force/login-failures.js';
import { bruteForceSettings, type BruteForceSettings } from '../../shared/authn/brute-force/policy.js';
import { loginFailureKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { freshTable } from '../support/tables.js';

let store: Store;
beforeAll(async () => {
  ({ store } = await freshTable());
});

const REALM = 'realm-bf';
const settings = (overrides: Partial<BruteForceSettings> = {}): BruteForceSettings => ({
  ...bruteForceSettings({ bruteForceProtected: true }),
  failureFactor: 3,
  waitIncrementSeconds: 60,
  ...overrides,
});

/** A repository on a clock the test moves (epoch ms). */
function withClock(start = 1_900_000_000_000) {
  const clock = { now: start };
  return { clock, repo: new LoginFailures(store, () => clock.now) };
}

const wrong = () => Promise.resolve(false);

describe('brute-force detection on DynamoDB Local', () => {
  it('counts every one of many concurrent failures', async () => {
    const repo = new LoginFailures(store);
    const userId = randomUUID();
    const s = settings({ failureFactor: 1000 });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => repo.recordFailure(REALM, userId, '10.0.0.7', s)));
    const status = await repo.status(REALM, userId, s);
    expect(status.record?.numFailures).toBe(12);
    expect(outcomes.map((o) => o.record.numFailures).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(status.record?.lastIPFailure).toBe('10.0.0.7');
  });

  it('refuses a locked user even with the right password, without checking it or counting the attempt', async () => {
    const { clock, repo } = withClock();
    const userId = randomUUID();
    const s = settings();
    for (let i = 0; i < 3; i++) {
      const result = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: '10.0.0.8', verify: wrong, repo });
      expect(result).toMatchObject({ ok: false, reason: 'invalidCredentials', eventError: 'invalid_user_credentials' });
      clock.now += 5000;
    }
    const verify = vi.fn(() => Promise.resolve(true));
    const dummyHash = vi.fn(() => Promise.resolve());
    const refused = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: '10.0.0.8', verify, repo, dummyHash });
    expect(refused).toMatchObject({ ok: false, reason: 'temporarilyLocked', eventError: 'user_temporarily_disabled' });
    expect(verify).not.toHaveBeenCalled();
    expect(dummyHash).toHaveBeenCalledOnce();
    expect((await repo.status(REALM, userId, s)).record?.numFailures).toBe(3);

    // The lock (60 s from the third failure) ends; the right password then logs in and clears the record.
    clock.now = refused.until!;
    const accepted = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: '10.0.0.8', verify, repo });
    expect(accepted).toEqual({ ok: true });
    expect(verify).toHaveBeenCalledOnce();
    expect(await store.get(loginFailureKey(REALM, userId), { consistent: true })).toBeUndefined();
  });

  it('reports the failure that sets a lock, and the next failure after the lock counts again', async () => {
    const { clock, repo } = withClock();
    const userId = randomUUID();
    const s = settings();
    await repo.recordFailure(REALM, userId, 'ip', s);
    clock.now += 5000;
    await repo.recordFailure(REALM, userId, 'ip', s);
    clock.now += 5000;
    const third = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: 'ip', verify: wrong, repo });
    const notBefore = Math.floor(clock.now / 1000) + 60;
    expect(third).toMatchObject({ ok: false, numFailures: 3, temporaryLockoutNotBefore: notBefore, until: notBefore * 1000 });
    clock.now = notBefore * 1000;
    const fourth = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: 'ip', verify: wrong, repo });
    expect(fourth).toMatchObject({ reason: 'invalidCredentials', numFailures: 4 });
  });

  it('clears the record on a successful login', async () => {
    const { clock, repo } = withClock();
    const userId = randomUUID();
    const s = settings();
    await repo.recordFailure(REALM, userId, 'ip', s);
    clock.now += 5000;
    await repo.recordFailure(REALM, userId, 'ip', s);
    clock.now += 5000;
    const ok = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: 'ip', verify: () => Promise.resolve(true), repo });
    expect(ok).toEqual({ ok: true });
    expect(await repo.status(REALM, userId, s)).toEqual({ locked: false, permanent: false });
    expect((await repo.recordFailure(REALM, userId, 'ip', s)).record.numFailures).toBe(1);
  });

  it('reports a permanent lockout to the caller and refuses from then on (record, then the disabled user)', async () => {
    const { clock, repo } = withClock();
    const userId = randomUUID();
    const s = settings({ permanentLockout: true, failureFactor: 2 });
    const first = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: 'ip', verify: wrong, repo });
    expect(first.permanentLockout).toBeUndefined();
    clock.now += 5000;
    const second = await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: 'ip', verify: wrong, repo });
    expect(second).toMatchObject({ ok: false, reason: 'invalidCredentials', permanentLockout: true });

    // Before the caller has disabled the user, the record alone refuses (Keycloak's race recheck).
    const verify = vi.fn(() => Promise.resolve(true));
    const check = { realmSettings: s, realmId: REALM, userId, ip: 'ip', verify, repo };
    expect(await guardedPasswordCheck(check)).toMatchObject({ ok: false, reason: 'permanentlyLocked', eventError: 'user_disabled' });
    // Once disabled with disabledReason=permanentLockout, the user alone refuses too, even without a record.
    await repo.clear(REALM, userId);
    const user = { enabled: false, attributes: { disabledReason: ['permanentLockout'] } };
    expect(await guardedPasswordCheck({ ...check, user })).toMatchObject({ reason: 'permanentlyLocked', eventError: 'user_disabled' });
    expect(verify).not.toHaveBeenCalled();
  });

  it('reads an expired record as absent and starts a new count over it', async () => {
    const { clock, repo } = withClock();
    const userId = randomUUID();
    const s = settings({ maxDeltaTimeSeconds: 100 });
    await repo.recordFailure(REALM, userId, 'ip', s);
    clock.now += 5000;
    await repo.recordFailure(REALM, userId, 'ip', s);
    clock.now += 200_000;
    expect(await repo.status(REALM, userId, s)).toEqual({ locked: false, permanent: false });
    const next = await repo.recordFailure(REALM, userId, 'ip', s);
    expect(next.record.numFailures).toBe(1);
    const raw = await store.client.getItem({ TableName: store.tableName, Key: loginFailureKey(REALM, userId) });
    expect(raw.Item).toMatchObject({ numFailures: 1, version: 3, userId });
    expect(raw.Item?.expiresAt).toBeGreaterThan(Math.floor(clock.now / 1000) + 100);
  });

  it('leaves the record alone when the realm is not brute-force protected', async () => {
    const repo = new LoginFailures(store);
    const userId = randomUUID();
    const s = settings({ bruteForceProtected: false });
    expect(await guardedPasswordCheck({ realmSettings: s, realmId: REALM, userId, ip: 'ip', verify: wrong, repo })).toEqual({
      ok: false,
      reason: 'invalidCredentials',
      eventError: 'invalid_user_credentials',
    });
    expect(await store.get(loginFailureKey(REALM, userId), { consistent: true })).toBeUndefined();
  });
});
