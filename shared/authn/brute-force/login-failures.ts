import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentModificationError } from '../../store/errors.js';
import { isExpired } from '../../store/expiry.js';
import { loginFailureKey, type ItemKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import {
  applyFailure,
  lockStatus,
  recordExpiry,
  type BruteForceSettings,
  type FailureOutcome,
  type LockStatus,
  type LoginFailureRecord,
} from './policy.js';

/**
 * The brute-force record of one user (Keycloak's UserLoginFailureModel), one item in the user's
 * partition (`loginFailureKey`). Keycloak serialises failures under a pessimistic lock; here every
 * failure is a read-compute-write conditional on the `version` that was read, retried on conflict,
 * so concurrent failures all count and none is computed from a stale count (keycloak#52646's race).
 * This repository never writes user items: a permanent lockout comes back as an outcome.
 */

export interface LoginFailureStatus extends LockStatus {
  /** The live record (absent when none, or expired). */
  readonly record?: LoginFailureRecord;
}

export interface RecordedFailure extends FailureOutcome {
  readonly status: LockStatus;
}

/** What guardedPasswordCheck needs; LoginFailures is the DynamoDB one. */
export interface LoginFailureRepository {
  status(realmId: string, userId: string, settings: BruteForceSettings): Promise<LoginFailureStatus>;
  recordFailure(realmId: string, userId: string, ip: string | undefined, settings: BruteForceSettings): Promise<RecordedFailure>;
  clear(realmId: string, userId: string): Promise<void>;
}

interface StoredFailure extends LoginFailureRecord {
  readonly pk: string;
  readonly sk: string;
  readonly version: number;
  readonly expiresAt: number;
}

/** Conflicts resolve one writer per round; this many rounds outlasts any realistic burst on one user. */
const MAX_ATTEMPTS = 40;

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

  /** DefaultBruteForceProtector.failure for one user; the caller gates on bruteForceProtected. */
  async recordFailure(
    realmId: string,
    userId: string,
    ip: string | undefined,
    settings: BruteForceSettings,
  ): Promise<RecordedFailure> {
    const key = loginFailureKey(realmId, userId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const stored = await this.read(key);
      const now = this.now();
      const outcome = applyFailure(settings, live(stored, now), now, ip);
      const item = { ...key, ...outcome.record, userId, version: (stored?.version ?? 0) + 1, expiresAt: recordExpiry(outcome.record, settings) };
      if (await this.write(item, stored?.version)) return { ...outcome, status: lockStatus(outcome.record, settings, now) };
    }
    throw new ConcurrentModificationError('Too many concurrent login failures for this user; try again');
  }

  /**
   * Removes the record: a successful login (DefaultBruteForceProtector.success → clearFailures), the
   * admin's DELETE attack-detection/brute-force/users/{id}, and re-enabling a user
   * (cleanUpPermanentLockout). Unconditional: deleting nothing is fine, and a failure computed from
   * the deleted record fails its version condition and is recomputed from nothing.
   */
  async clear(realmId: string, userId: string): Promise<void> {
    await this.store.client.send(new DeleteCommand({ TableName: this.store.tableName, Key: loginFailureKey(realmId, userId) }));
  }

  /** The stored item even when expired (its version still guards the next write); strongly consistent. */
  private async read(key: ItemKey): Promise<StoredFailure | undefined> {
    const out = await this.store.client.send(new GetCommand({ TableName: this.store.tableName, Key: key, ConsistentRead: true }));
    return out.Item as StoredFailure | undefined;
  }

  /** True when written; false when someone else wrote first (then the caller reads again). */
  private async write(item: StoredFailure, expectedVersion: number | undefined): Promise<boolean> {
    try {
      await this.store.client.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: item,
          // Condition: the item is still the one we computed from — same version, or still absent when
          // we read nothing. Any other failure, or a clear, in between makes us recompute, so no
          // failure is lost and no count is derived from a stale one.
          ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : '#version = :expected',
          ...(expectedVersion === undefined
            ? {}
            : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
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

/** Full jitter, growing to 200 ms: spreads retrying writers so one of them wins each round. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
