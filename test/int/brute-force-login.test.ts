import { beforeAll, describe, expect, it } from 'vitest';
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
  users: [{ username: 'alice', password: 'right-password' }],
});

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  realms.temporary = await realmWith(store, 'bf-temporary', protectedRealm({ waitIncrementSeconds: 60 }));
  realms.short = await realmWith(store, 'bf-short', protectedRealm({ waitIncrementSeconds: 2 }));
  realms.permanent = await realmWith(store, 'bf-permanent', protectedRealm({ permanentLockout: true }));
});

const attempt = (realm: string, password: string) => postToken(realm, { grant_type: 'password', username: 'alice', password }, APP);

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
});
