import { keycloakRealmDefaults } from '../../model/realm-defaults.js';
import type { RealmRepresentation } from '../../model/realm.js';

/**
 * Keycloak 26's brute-force detection as a pure rule: what one failed login does to a user's
 * login-failure record (DefaultBruteForceProtector.failure) and whether a record locks the user
 * (isTemporarilyDisabled / isPermanentlyLockedOut). No I/O here; login-failures.ts stores the record.
 */

/** The realm's brute-force settings (RealmRepresentation fields, Keycloak's names and units). */
export interface BruteForceSettings {
  readonly bruteForceProtected: boolean;
  readonly permanentLockout: boolean;
  readonly maxTemporaryLockouts: number;
  readonly bruteForceStrategy: 'MULTIPLE' | 'LINEAR';
  readonly maxFailureWaitSeconds: number;
  readonly minimumQuickLoginWaitSeconds: number;
  readonly waitIncrementSeconds: number;
  readonly quickLoginCheckMilliSeconds: number;
  readonly maxDeltaTimeSeconds: number;
  readonly failureFactor: number;
}

/**
 * Keycloak's UserLoginFailureModel, field for field, plus `permanentLockoutAt`: the time the failure
 * rule decided on a permanent lockout. Keycloak re-derives that from the counters and the *current*
 * settings (isPermanentlyLockedOut's "recheck ... in case we are in a race"); recording the decision
 * instead means a later settings change (say, lowering maxTemporaryLockouts) never locks anyone.
 */
export interface LoginFailureRecord {
  readonly numFailures: number;
  readonly numTemporaryLockouts: number;
  /** Epoch seconds before which the user is temporarily disabled; 0 when never set. */
  readonly failedLoginNotBefore: number;
  /** Epoch milliseconds of the last counted failure; 0 after a reset. */
  readonly lastFailure: number;
  readonly lastIPFailure?: string;
  readonly permanentLockoutAt?: number;
}

export interface LockStatus {
  readonly locked: boolean;
  readonly permanent: boolean;
  /** Epoch milliseconds when a temporary lock ends (absent when not temporarily locked). */
  readonly until?: number;
}

export interface FailureOutcome {
  readonly record: LoginFailureRecord;
  /** This failure set a temporary lock (Keycloak sends USER_DISABLED_BY_TEMPORARY_LOCKOUT). */
  readonly temporaryLockout?: { readonly notBefore: number };
  /**
   * This failure crossed into permanent lockout: the caller disables the user (enabled=false,
   * attribute disabledReason=permanentLockout) and sends USER_DISABLED_BY_PERMANENT_LOCKOUT.
   */
  readonly permanentLockout: boolean;
}

/** failedLoginNotBefore is a Java int in Keycloak; notBefore saturates there. */
const INT_MAX = 2_147_483_647;

/** The realm's settings with Keycloak's defaults for whatever the realm leaves out. */
export function bruteForceSettings(realm: RealmRepresentation): BruteForceSettings {
  const d = keycloakRealmDefaults;
  const num = (field: keyof BruteForceSettings, fallback: number) =>
    typeof realm[field] === 'number' ? (realm[field] as number) : fallback;
  return {
    bruteForceProtected: realm.bruteForceProtected === true,
    permanentLockout: realm.permanentLockout === true,
    maxTemporaryLockouts: num('maxTemporaryLockouts', d.maxTemporaryLockouts),
    bruteForceStrategy: realm.bruteForceStrategy === 'LINEAR' ? 'LINEAR' : 'MULTIPLE',
    maxFailureWaitSeconds: num('maxFailureWaitSeconds', d.maxFailureWaitSeconds),
    minimumQuickLoginWaitSeconds: num('minimumQuickLoginWaitSeconds', d.minimumQuickLoginWaitSeconds),
    waitIncrementSeconds: num('waitIncrementSeconds', d.waitIncrementSeconds),
    quickLoginCheckMilliSeconds: num('quickLoginCheckMilliSeconds', d.quickLoginCheckMilliSeconds),
    maxDeltaTimeSeconds: num('maxDeltaTimeSeconds', d.maxDeltaTimeSeconds),
    failureFactor: num('failureFactor', d.failureFactor),
  };
}

/** A record with nothing counted (what Keycloak's addUserLoginFailure creates, and clearFailures leaves). */
export const emptyRecord: LoginFailureRecord = { numFailures: 0, numTemporaryLockouts: 0, failedLoginNotBefore: 0, lastFailure: 0 };

/** "Permanent lockout" with no temporary lockouts first: Keycloak's pure permanent mode. */
const purePermanent = (s: BruteForceSettings) => s.permanentLockout && s.maxTemporaryLockouts === 0;

/**
 * One failed login at `now` (epoch ms) from `ip`: DefaultBruteForceProtector.failure, step by step.
 * Keycloak 26.6+ order (the fix for keycloak#46634): the reset runs before lastFailure is written.
 */
export function applyFailure(
  settings: BruteForceSettings,
  current: LoginFailureRecord | undefined,
  now: number,
  ip: string | undefined,
): FailureOutcome {
  // getUserFailureModel ?? addUserLoginFailure
  let record: LoginFailureRecord = current ?? emptyRecord;
  const last = record.lastFailure;
  const deltaTime = last > 0 ? now - last : 0;

  // "if last failure was more than MAX_DELTA clear failures" — never in pure permanent mode (keycloak#28821).
  if (!purePermanent(settings) && deltaTime > 0 && deltaTime > settings.maxDeltaTimeSeconds * 1000) {
    record = emptyRecord; // LoginFailureEntity.clearFailures zeroes all five fields
  }
  // setLastIPFailure; setLastFailure keeps the later time (LoginFailureEntity); incrementFailures.
  const numFailures = record.numFailures + 1;
  record = { ...record, lastIPFailure: ip, lastFailure: Math.max(record.lastFailure, now), numFailures };

  // The wait from the strategy: MULTIPLE = increment × ⌊count / failureFactor⌋,
  // LINEAR = increment × (1 + count − failureFactor). A failureFactor below 1 (which Keycloak's console
  // refuses) would divide by zero there, so it counts nothing, as Keycloak's newer `failureFactor > 0`.
  let waitSeconds = 0;
  if (!purePermanent(settings) && settings.failureFactor > 0) {
    waitSeconds =
      settings.bruteForceStrategy === 'MULTIPLE'
        ? settings.waitIncrementSeconds * Math.floor(numFailures / settings.failureFactor)
        : settings.waitIncrementSeconds * (1 + numFailures - settings.failureFactor);
  }

  // Quick login check: no wait from the count, but two failures closer than quickLoginCheckMilliSeconds.
  let quickLoginFailure = false;
  if (waitSeconds <= 0 && last > 0 && deltaTime < settings.quickLoginCheckMilliSeconds) {
    waitSeconds = settings.minimumQuickLoginWaitSeconds;
    quickLoginFailure = true;
  }

  let temporaryLockout: FailureOutcome['temporaryLockout'];
  if (waitSeconds > 0) {
    // Capped at maxFailureWaitSeconds except in pure permanent mode (where only a quick-login wait exists).
    if (!settings.permanentLockout || settings.maxTemporaryLockouts > 0) {
      waitSeconds = Math.min(settings.maxFailureWaitSeconds, waitSeconds);
    }
    // A count-based wait is a temporary lockout; a quick-login wait is not counted as one.
    if (!quickLoginFailure) record = { ...record, numTemporaryLockouts: record.numTemporaryLockouts + 1 };
    // Lock for the wait, unless this lockout is the one past maxTemporaryLockouts (then permanent, below).
    if (quickLoginFailure || !settings.permanentLockout || record.numTemporaryLockouts <= settings.maxTemporaryLockouts) {
      const notBefore = Math.min(INT_MAX, Math.floor(now / 1000) + waitSeconds);
      // setFailedLoginNotBefore only ever moves later (LoginFailureEntity).
      record = { ...record, failedLoginNotBefore: Math.max(record.failedLoginNotBefore, notBefore) };
      temporaryLockout = { notBefore: record.failedLoginNotBefore };
    }
  }

  // Permanent lockout: more temporary lockouts than allowed, or (pure permanent mode) failureFactor
  // reached; a failureFactor below 1 counts nothing here either.
  const permanentLockout =
    settings.permanentLockout &&
    (record.numTemporaryLockouts > settings.maxTemporaryLockouts ||
      (settings.maxTemporaryLockouts === 0 && settings.failureFactor > 0 && numFailures >= settings.failureFactor));
  if (permanentLockout && record.permanentLockoutAt === undefined) record = { ...record, permanentLockoutAt: now };

  return temporaryLockout ? { record, temporaryLockout, permanentLockout } : { record, permanentLockout };
}

/**
 * Whether the record locks the user at `now` (epoch ms). Temporary: isTemporarilyDisabled
 * (current epoch second < failedLoginNotBefore). Permanent: isPermanentlyLockedOut's record check,
 * only while the realm still has permanent lockout on. Keycloak's callers only ask when the realm is
 * brute-force protected (AuthenticatorUtils.getDisabledByBruteForceEventError); so does this.
 */
export function lockStatus(record: LoginFailureRecord | undefined, settings: BruteForceSettings, now: number): LockStatus {
  if (!record || !settings.bruteForceProtected) return { locked: false, permanent: false };
  if (settings.permanentLockout && record.permanentLockoutAt !== undefined) return { locked: true, permanent: true };
  if (Math.floor(now / 1000) < record.failedLoginNotBefore) {
    return { locked: true, permanent: false, until: record.failedLoginNotBefore * 1000 };
  }
  return { locked: false, permanent: false };
}

/** Pure permanent mode never resets the count, so its records are kept this long (Keycloak: forever). */
export const PURE_PERMANENT_RETENTION_SECONDS = 365 * 24 * 3600;

/**
 * `expiresAt` (epoch seconds) for a stored record. Once it passes, the record reads as absent, which is
 * exactly what Keycloak's maxDeltaTimeSeconds reset would make of it: expiry lies strictly more than
 * maxDeltaTimeSeconds after the last failure, and never before a temporary lock ends.
 */
export function recordExpiry(record: LoginFailureRecord, settings: BruteForceSettings): number {
  const lastFailureSeconds = Math.ceil(record.lastFailure / 1000);
  const keep = purePermanent(settings) ? PURE_PERMANENT_RETENTION_SECONDS : settings.maxDeltaTimeSeconds;
  return Math.max(record.failedLoginNotBefore, lastFailureSeconds + keep) + 1;
}

/**
 * Whether `failures` more failed logins at `now` would leave the user locked: the attempts already
 * being checked, counted as if each fails. An attempt is admitted only while this is false for the
 * attempts ahead of it, so however many guesses arrive at once, no more passwords are checked than
 * Keycloak's one-at-a-time rule allows before the lock (login-failures.ts `admit`).
 */
export function lockedAfter(settings: BruteForceSettings, record: LoginFailureRecord | undefined, failures: number, now: number): boolean {
  let current = record;
  for (let i = 0; i < failures; i++) current = applyFailure(settings, current, now, current?.lastIPFailure).record;
  return lockStatus(current, settings, now).locked;
}
