import { beforeAll, describe, expect, it } from 'vitest';
import { LoginFailures } from '../../shared/authn/brute-force/login-failures.js';
import { bruteForceSettings } from '../../shared/authn/brute-force/policy.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import type { Store } from '../../shared/store/store.js';
import { UsersRepository } from '../../shared/store/users.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, postToken, realmWith } from '../support/token-fixture.js';

/*
 * Brute-force detection on the password grant, end to end through the token endpoint (Keycloak's
 * direct grant: ValidateUsername refuses a user locked by DefaultBruteForceProtector with HTTP 400
 * invalid_grant "Invalid user credentials", the same words as a wrong password, which ValidatePassword
 * answers with 401).
 *
 * quickLoginCheckMilliSeconds is 0 in these realms: with Keycloak's default (1000 ms) two failures
 * within a second already lock for minimumQuickLoginWaitSeconds, and these tests are about the
 * failureFactor count.
 */

let store: Store;
const realms: Record<string, RealmConfig> = {};
const APP = basic('app', 'app-secret');
const protectedRealm = (settings: Record<string, unknown>) => ({
  realm: { bruteForceProtected: true, failureFactor: 3, quickLoginCheckMilliSeconds: 0, ...settings },
  clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true }],
  users: [
    { username: 'alice', password: 'right-password' },
    { username: 'mallory', password: 'right-password', enabled: false },
    { username: 'nopass' },
  ],
});

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  realms.temporary = await realmWith(store, 'bf-temporary', protectedRealm({ waitIncrementSeconds: 60 }));
  realms.short = await realmWith(store, 'bf-short', protectedRealm({ waitIncrementSeconds: 2 }));
  realms.permanent = await realmWith(store, 'bf-permanent', protectedRealm({ permanentLockout: true }));
  realms.burst = await realmWith(store, 'bf-burst', protectedRealm({ waitIncrementSeconds: 60 }));
  // Keycloak's defaults: failureFactor 30, and two failures within 1 s lock for 60 s (quick login check).
  realms.quick = await realmWith(store, 'bf-quick', protectedRealm({ failureFactor: 30, quickLoginCheckMilliSeconds: 1000 }));
  realms.parallel = await realmWith(store, 'bf-parallel', protectedRealm({ failureFactor: 30, quickLoginCheckMilliSeconds: 1000 }));
});

const attempt = (realm: string, password: string, username = 'alice') => postToken(realm, { grant_type: 'password', username, password }, APP);

/** The user's brute-force record as the store holds it. */
async function failures(realm: RealmConfig, username = 'alice') {
  const id = await new UsersRepository(store).idForUsername(realm.realm.id, username);
  return new LoginFailures(store).status(realm.realm.id, id!, bruteForceSettings(realm.realm.rep));
}

async function failThreeTimes(realm: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const wrong = await attempt(realm, `wrong-${i}`);
    expect(wrong.status, JSON.stringify(wrong.json)).toBe(401);
    expect(wrong.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
  }
}

async function alice(realm: RealmConfig) {
  const users = new UsersRepository(store);
  const id = await users.idForUsername(realm.realm.id, 'alice');
  return (await users.load(realm.realm.id, id!))!.user.rep;
}

describe('brute-force detection on the password grant', () => {
  it('temporary lockout: after failureFactor wrong passwords the right one is refused, and so is every attempt', async () => {
    const before = await attempt('bf-temporary', 'right-password');
    expect(before.status, JSON.stringify(before.json)).toBe(200);
    await failThreeTimes('bf-temporary');

    const locked = await attempt('bf-temporary', 'right-password');
    expect(locked.status).toBe(400);
    expect(locked.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    const lockedWrong = await attempt('bf-temporary', 'still-wrong');
    expect(lockedWrong.status).toBe(400);
    expect(lockedWrong.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });

    // A temporary lock does not disable the user.
    expect((await alice(realms.temporary!)).enabled).toBe(true);
  });

  it('temporary lockout ends after waitIncrementSeconds; the right password then logs in and resets the count', async () => {
    await failThreeTimes('bf-short');
    expect((await attempt('bf-short', 'right-password')).status).toBe(400);

    // The lock lasts until the epoch second failure + waitIncrementSeconds (2 s): at most 2 s from now.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const after = await attempt('bf-short', 'right-password');
    expect(after.status, JSON.stringify(after.json)).toBe(200);

    // The success cleared the failures: two more wrong passwords do not lock (failureFactor is 3).
    for (let i = 0; i < 2; i++) expect((await attempt('bf-short', 'wrong')).status).toBe(401);
    expect((await attempt('bf-short', 'right-password')).status).toBe(200);
  }, 15_000);

  it('permanent lockout: after failureFactor wrong passwords the user is disabled (disabledReason) and refused', async () => {
    await failThreeTimes('bf-permanent');

    const user = await alice(realms.permanent!);
    expect(user.enabled).toBe(false);
    expect(user.attributes?.disabledReason).toEqual(['permanentLockout']);

    const refused = await attempt('bf-permanent', 'right-password');
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });

    // Permanent means it does not wear off with time.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await attempt('bf-permanent', 'right-password')).status).toBe(400);
  });

  it('30 concurrent wrong passwords get no more checks than failureFactor allows; the right one is then refused', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt('bf-burst', `guess-${i}`)));
    const checked = answers.filter((a) => a.status === 401);
    const refused = answers.filter((a) => a.status === 400);
    expect(checked.length + refused.length, JSON.stringify(answers.map((a) => a.status))).toBe(30);
    // Each checked guess was a wrong password (401); the others met the lock (400), as Keycloak answers it.
    expect(checked.length).toBe(3);
    for (const answer of [...checked, ...refused]) expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    const record = await failures(realms.burst!);
    expect(record).toMatchObject({ locked: true, permanent: false, record: { numFailures: 3, numTemporaryLockouts: 1 } });

    const right = await attempt('bf-burst', 'right-password');
    expect(right.status).toBe(400);
    expect(right.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    expect((await failures(realms.burst!)).record?.numFailures).toBe(3);
  });

  it('with the quick login check, a burst gets two checks (the second failure within 1 s locks)', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt('bf-quick', `guess-${i}`)));
    expect(answers.filter((a) => a.status === 401).length).toBe(2);
    expect(answers.filter((a) => a.status === 400).length).toBe(28);
    expect((await failures(realms.quick!)).record?.numFailures).toBe(2);
    expect((await attempt('bf-quick', 'right-password')).status).toBe(400);
  });

  it('concurrent logins with the right password all succeed: they wait for each other, nothing is locked', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => attempt('bf-parallel', 'right-password')));
    expect(answers.map((a) => a.status), JSON.stringify(answers.map((a) => a.json))).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await failures(realms.parallel!)).toEqual({ locked: false, permanent: false });
  });

  it('a disabled user is refused before the password check, right or wrong, and nothing is counted', async () => {
    for (const password of ['wrong', 'right-password', 'wrong', 'wrong']) {
      const answer = await attempt('bf-temporary', password, 'mallory');
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Account disabled' });
    }
    expect(await failures(realms.temporary!, 'mallory')).toEqual({ locked: false, permanent: false });
  });

  it('a user without a password is refused like a wrong password, and counted', async () => {
    const answer = await attempt('bf-short', 'anything', 'nopass');
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    expect((await failures(realms.short!, 'nopass')).record?.numFailures).toBe(1);
  });
});
