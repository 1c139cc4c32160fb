import { DISABLED_BY_PERMANENT_LOCKOUT, DISABLED_REASON } from '../../authn/brute-force/check-password.js';
import { loginFailureEntries } from '../../authn/brute-force/login-failure-index.js';
import { LoginFailures } from '../../authn/brute-force/login-failures.js';
import { bruteForceSettings } from '../../authn/brute-force/policy.js';
import type { UserRepresentation } from '../../model/user.js';
import { ConcurrentModificationError } from '../../store/errors.js';
import { loginFailureKey, userKey } from '../../store/keys.js';
import type { Store, TransactWrite } from '../../store/store.js';
import type { UserRecord } from '../../store/users.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { noContent, ok } from '../responses.js';

const users = `${mountOf('admin.attack-detection')}/brute-force/users`;
const user = `${users}/{userId}`;

/** Long.MAX_VALUE: Keycloak's failedLoginNotBefore for a permanent lockout. */
const FOREVER = 9223372036854775807;

/** A user Keycloak's brute-force protector disabled (attribute disabledReason=permanentLockout). */
function lockedOutByBruteForce(rep: UserRepresentation | undefined): boolean {
  return rep?.enabled === false && rep.attributes?.[DISABLED_REASON]?.[0] === DISABLED_BY_PERMANENT_LOCKOUT;
}

/** The user enabled again without the lockout reason (BruteForceProtector.cleanUpPermanentLockout). */
function reEnabled(rep: UserRepresentation): UserRepresentation {
  const { [DISABLED_REASON]: _reason, ...attributes } = rep.attributes ?? {};
  return { ...rep, enabled: true, attributes };
}

function readUser(store: Store, realmId: string, userId: string): Promise<UserRecord | undefined> {
  return store.get<UserRecord>(userKey(realmId, userId), { consistent: true });
}

/** Re-enables a user still disabled by a permanent lockout; a concurrent change is read again. */
async function releaseUser(store: Store, realmId: string, userId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = await readUser(store, realmId, userId);
    if (!record || !lockedOutByBruteForce(record.rep)) return;
    try {
      await store.updateVersioned(userKey(realmId, userId), record.version, { rep: reEnabled(record.rep) });
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentModificationError)) throw error;
    }
  }
}

/**
 * Keycloak's AttackDetectionResource (`attack-detection/brute-force/users`): a user's brute-force
 * status (view-users), clearing one user's record or every record of the realm (manage-users).
 * Clearing also re-enables users disabled by a permanent lockout, since Gatehouse's lockout disables
 * the user as Keycloak's protector does; admin events are USER_LOGIN_FAILURE deletes.
 */
export const attackDetectionOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: user,
    async run(request) {
      await request.require('view-users');
      const config = await request.realm();
      const userId = request.params['userId']!;
      const data: Record<string, unknown> = { disabled: false, numFailures: 0, numTemporaryLockouts: 0, lastFailure: 0, lastIPFailure: 'n/a', failedLoginNotBefore: 0 };
      const settings = bruteForceSettings(config.realm.rep);
      if (!settings.bruteForceProtected) return ok(data);
      const now = Date.now();
      const status = await new LoginFailures(request.store, () => now).status(config.realm.id, userId, settings);
      const record = status.record;
      if (!record) return ok(data);
      const found = await readUser(request.store, config.realm.id, userId);
      const temporarily = Math.floor(now / 1000) < record.failedLoginNotBefore;
      // isPermanentlyLockedOut || isTemporarilyDisabled; for an unknown user only the time counts.
      if (found ? lockedOutByBruteForce(found.rep) || status.locked : temporarily) {
        data['disabled'] = true;
        data['failedLoginNotBefore'] = temporarily ? record.failedLoginNotBefore : FOREVER;
      }
      Object.assign(data, { numFailures: record.numFailures, numTemporaryLockouts: record.numTemporaryLockouts, lastFailure: record.lastFailure, lastIPFailure: record.lastIPFailure ?? null });
      return ok(data);
    },
  },
  {
    method: 'DELETE',
    path: user,
    async run(request) {
      await request.require('manage-users');
      const config = await request.realm();
      const realmId = config.realm.id;
      const userId = request.params['userId']!;
      const settings = bruteForceSettings(config.realm.rep);
      const { record } = await new LoginFailures(request.store).status(realmId, userId, settings);
      const found = await readUser(request.store, realmId, userId);
      const release = found && lockedOutByBruteForce(found.rep);
      // Keycloak records the event only when there was a record to remove.
      if (!record && !release) return noContent();
      const writes: TransactWrite[] = [{ kind: 'delete', key: loginFailureKey(realmId, userId) }];
      if (found && release) writes.push({ kind: 'updateVersioned', key: userKey(realmId, userId), expectedVersion: found.version, set: { rep: reEnabled(found.rep) } });
      await request.commit(writes, { operationType: 'DELETE', resourceType: 'USER_LOGIN_FAILURE', resourcePath: `attack-detection/brute-force/users/${userId}` });
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: users,
    async run(request) {
      await request.require('manage-users');
      const config = await request.realm();
      const realmId = config.realm.id;
      let batch: string[] = [];
      const flush = async () => {
        await request.store.deleteMany(batch.map((userId) => loginFailureKey(realmId, userId)));
        for (const userId of batch) await releaseUser(request.store, realmId, userId);
        batch = [];
      };
      for await (const entry of loginFailureEntries(request.store, realmId)) {
        batch.push(entry.userId);
        if (batch.length >= 25) await flush();
      }
      if (batch.length > 0) await flush();
      await request.commit([], { operationType: 'DELETE', resourceType: 'USER_LOGIN_FAILURE', resourcePath: 'attack-detection/brute-force/users' });
      return noContent();
    },
  },
];
