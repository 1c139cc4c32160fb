import { randomUUID } from 'node:crypto';
import { ConcurrentModificationError } from '../../store/errors.js';
import { isExpired } from '../../store/expiry.js';
import { loginFailureKey, loginFailureListing, type ItemKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import {
  applyFailure,
  emptyRecord,
  lockStatus,
  lockedAfter,
  recordExpiry,
  type BruteForceSettings,
  type FailureOutcome,
  type LockStatus,
  type LoginFailureRecord,
} from './policy.js';

/**
 * The brute-force record of one user (Keycloak's UserLoginFailureModel), one item in the user's
 * partition (`loginFailureKey`). Keycloak serialises failures under a pessimistic lock; here every
 * change is a read-compute-write conditional on the `version` that was read, retried on conflict,
 * so concurrent failures all count and none is computed from a stale count (keycloak#52646's race).
 *
 * Concurrent guesses: a password is checked only after `admit` has registered the attempt on the
 * record (`inFlight`, attempt id → epoch ms until which it counts) under the same version condition,
 * and only while the attempts already in flight, should they all fail, would not lock the user
 * (policy.ts lockedAfter). Others wait for those to settle — a failure (`recordFailure`) or a
 * success (`clear`) — and then see the lock or get their turn. So N simultaneous wrong passwords
 * get no more checks than failureFactor allows. An attempt that never settles (a crashed function)
 * stops counting after IN_FLIGHT_MS.
 * This repository never writes user items: a permanent lockout comes back as an outcome.
 */

export interface LoginFailureStatus extends LockStatus {
  /** The live record (absent when none, or expired). */
  readonly record?: LoginFailureRecord;
}

export interface RecordedFailure extends FailureOutcome {
  readonly status: LockStatus;
}

/** An attempt cleared to check its password, or refused because the user is (or stays) locked. */
export type Admission = { readonly admitted: true; readonly attemptId: string } | { readonly admitted: false; readonly status: LockStatus };

/** What guardedPasswordCheck needs; LoginFailures is the DynamoDB one. */
export interface LoginFailureRepository {
  status(realmId: string, userId: string, settings: BruteForceSettings): Promise<LoginFailureStatus>;
  admit(realmId: string, userId: string, settings: BruteForceSettings): Promise<Admission>;
  recordFailure(realmId: string, userId: string, ip: string | undefined, settings: BruteForceSettings, attemptId?: string): Promise<RecordedFailure>;
  clear(realmId: string, userId: string): Promise<void>;
}

interface StoredFailure extends LoginFailureRecord {
  readonly pk: string;
  readonly sk: string;
  readonly version: number;
  readonly expiresAt: number;
  readonly userId: string;
  /** Attempts admitted and not yet settled: attempt id → epoch ms until which it counts. */
  readonly inFlight?: Record<string, number>;
}

/** Rounds of conflicts (one writer wins each) and of waiting for attempts in flight to settle. */
const MAX_ROUNDS = 40;
/** An admitted attempt counts this long at most: far beyond a password hash, within a function's timeout. */
const IN_FLIGHT_MS = 30_000;

export class LoginFailures implements LoginFailureRepository {
  /** `now` (epoch ms) is injectable so tests can move time; it also decides expiry on reads. */
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async status(realmId: string, userId: string, settings: BruteForceSettings): Promise<LoginFailureStatus> {
    const now = this.now();
    const record = live(await this.read(loginFailureKey(realmId, userId)), now);
    return record ? { ...lockStatus(record, settings, now), record } : lockStatus(undefined, settings, now);
  }

  /**
   * Registers a login attempt before its password is checked; the caller gates on
   * bruteForceProtected. Refused at once when the record locks the user (not counted: "count does not
   * increment when a temporarily disabled account commits a login failure"); made to wait while the
   * attempts in flight could still lock it; refused as locked if that wait outlasts MAX_ROUNDS.
   */
  async admit(realmId: string, userId: string, settings: BruteForceSettings): Promise<Admission> {
    const key = loginFailureKey(realmId, userId);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (round > 0) await backoff(round);
      const stored = await this.read(key);
      const now = this.now();
      const record = live(stored, now);
      const status = lockStatus(record, settings, now);
      if (status.locked) return { admitted: false, status };
      const inFlight = liveAttempts(stored, now);
      if (lockedAfter(settings, record, Object.keys(inFlight).length, now)) continue;
      const attemptId = randomUUID();
      const item = storedItem(key, realmId, userId, record ?? emptyRecord, { ...inFlight, [attemptId]: now + IN_FLIGHT_MS }, stored, settings);
      if (await this.write(item, stored?.version)) return { admitted: true, attemptId };
    }
    return { admitted: false, status: { locked: true, permanent: false } };
  }

  /**
   * DefaultBruteForceProtector.failure for one user; settles the admitted attempt `attemptId` (when
   * given). The caller gates on bruteForceProtected.
   */
  async recordFailure(
    realmId: string,
    userId: string,
    ip: string | undefined,
    settings: BruteForceSettings,
    attemptId?: string,
  ): Promise<RecordedFailure> {
    const key = loginFailureKey(realmId, userId);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (round > 0) await backoff(round);
      const stored = await this.read(key);
      const now = this.now();
      const outcome = applyFailure(settings, live(stored, now), now, ip);
      const inFlight = liveAttempts(stored, now);
      if (attemptId !== undefined) delete inFlight[attemptId];
      const item = storedItem(key, realmId, userId, outcome.record, inFlight, stored, settings);
      if (await this.write(item, stored?.version)) return { ...outcome, status: lockStatus(outcome.record, settings, now) };
    }
    throw new ConcurrentModificationError('Too many concurrent login failures for this user; try again');
  }

  /**
   * Removes the record: a successful login (DefaultBruteForceProtector.success → clearFailures), the
   * admin's DELETE attack-detection/brute-force/users/{id}, and re-enabling a user
   * (cleanUpPermanentLockout). Unconditional: deleting nothing is fine, and a failure computed from
   * the deleted record fails its version condition and is recomputed from nothing. Attempts still in
   * flight are forgotten with it: the count starts over, as after any success.
   */
  async clear(realmId: string, userId: string): Promise<void> {
    await this.store.client.deleteItem({ TableName: this.store.tableName, Key: loginFailureKey(realmId, userId) });
  }

  /** The stored item even when expired (its version still guards the next write); strongly consistent. */
  private async read(key: ItemKey): Promise<StoredFailure | undefined> {
    const out = await this.store.client.getItem({ TableName: this.store.tableName, Key: key, ConsistentRead: true });
    return out.Item as StoredFailure | undefined;
  }

  /** True when written; false when someone else wrote first (then the caller reads again). */
  private async write(item: StoredFailure, expectedVersion: number | undefined): Promise<boolean> {
    try {
      await this.store.client.putItem({
        TableName: this.store.tableName,
        Item: item,
        // Condition: the item is still the one we computed from — same version, or still absent when
        // we read nothing. Any other failure, admission or clear in between makes us recompute, so
        // no failure is lost, no count is derived from a stale one, and no more attempts are
        // admitted than the count allows.
        ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : '#version = :expected',
        ...(expectedVersion === undefined
          ? {}
          : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
      });
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

/**
 * The item to write: the record, the attempts in flight, the next version, and an expiry that keeps
 * it while either still matters (recordExpiry, or the last attempt in flight). The gsi1 entry lists
 * the realm's records for the Admin API's clear-all (login-failure-index.ts).
 */
function storedItem(
  key: ItemKey,
  realmId: string,
  userId: string,
  record: LoginFailureRecord,
  inFlight: Record<string, number>,
  stored: StoredFailure | undefined,
  settings: BruteForceSettings,
): StoredFailure {
  const attemptsEnd = Math.ceil(Math.max(0, ...Object.values(inFlight)) / 1000);
  return {
    ...key,
    ...record,
    userId,
    ...loginFailureListing(realmId, userId),
    ...(Object.keys(inFlight).length > 0 ? { inFlight } : {}),
    version: (stored?.version ?? 0) + 1,
    expiresAt: Math.max(recordExpiry(record, settings), attemptsEnd),
  };
}

/** The record in a stored item, or undefined when absent or past its expiresAt (TTL deletes lazily). */
function live(stored: StoredFailure | undefined, now: number): LoginFailureRecord | undefined {
  if (!stored || isExpired(stored, Math.floor(now / 1000))) return undefined;
  const { numFailures, numTemporaryLockouts, failedLoginNotBefore, lastFailure, lastIPFailure, permanentLockoutAt } = stored;
  return {
    numFailures,
    numTemporaryLockouts,
    failedLoginNotBefore,
    lastFailure,
    ...(lastIPFailure === undefined ? {} : { lastIPFailure }),
    ...(permanentLockoutAt === undefined ? {} : { permanentLockoutAt }),
  };
}

/** The attempts of a stored item still in flight at `now` (epoch ms). */
function liveAttempts(stored: StoredFailure | undefined, now: number): Record<string, number> {
  return Object.fromEntries(Object.entries(stored?.inFlight ?? {}).filter(([, until]) => until > now));
}

/** Full jitter, growing to 200 ms: spreads retrying writers so one of them wins each round. */
function backoff(round: number): Promise<void> {
  const ceiling = Math.min(200, 5 * 2 ** round);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
