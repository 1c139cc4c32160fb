import type { LoginFailureRepository } from './login-failures.js';
import type { BruteForceSettings, LockStatus } from './policy.js';

/**
 * A password check behind Keycloak's brute-force detection, as its password authenticators do it
 * (AbstractUsernameFormAuthenticator.validatePassword, direct grant's ValidateUsername/ValidatePassword):
 * a locked user is refused before the password is looked at — the right password too, and the refusal
 * is not counted as a failure ("count does not increment when a temporarily disabled account commits a
 * login failure"); then a disabled user is refused, without a password check; a wrong password is
 * recorded; a right one clears the record. Every attempt is admitted on the record before its
 * password is checked (LoginFailures.admit), so concurrent guesses cannot outrun the lockout.
 *
 * How Keycloak shows each outcome: a lock looks like a wrong password to the user — browser form
 * "Invalid username or password." (Messages.INVALID_USER), direct grant `invalid_grant` "Invalid user
 * credentials" — so an attacker cannot tell a lock from a wrong password. Only the LOGIN_ERROR event
 * tells them apart, through `eventError` (Keycloak's Errors constants).
 */

/** Keycloak's org.keycloak.events.Errors values for each refusal. */
export const BruteForceEventErrors = {
  /** Errors.USER_TEMPORARILY_DISABLED */
  temporarilyLocked: 'user_temporarily_disabled',
  /** Errors.USER_DISABLED: AuthenticatorUtils.getDisabledByBruteForceEventError for a permanent lockout. */
  permanentlyLocked: 'user_disabled',
  /** Errors.USER_DISABLED: a user an admin disabled (direct grant: 400 "Account disabled"). */
  disabled: 'user_disabled',
  /** Errors.INVALID_USER_CREDENTIALS */
  invalidCredentials: 'invalid_user_credentials',
} as const;

/** Keycloak's user attribute and value marking a user disabled by permanent lockout. */
export const DISABLED_REASON = 'disabledReason';
export const DISABLED_BY_PERMANENT_LOCKOUT = 'permanentLockout';

export type RefusalReason = keyof typeof BruteForceEventErrors;

export interface PasswordCheckResult {
  readonly ok: boolean;
  readonly reason?: RefusalReason;
  /** The LOGIN_ERROR event's `error` (absent on success). */
  readonly eventError?: (typeof BruteForceEventErrors)[RefusalReason];
  /** Epoch ms when a temporary lock ends (with `temporarilyLocked`, or when this failure set one). */
  readonly until?: number;
  /**
   * This failure crossed into permanent lockout: disable the user now (enabled=false, attribute
   * disabledReason=[permanentLockout]) and send USER_DISABLED_BY_PERMANENT_LOCKOUT.
   */
  readonly permanentLockout?: boolean;
  /** This failure set a temporary lock: send USER_DISABLED_BY_TEMPORARY_LOCKOUT (not_before = this, epoch s). */
  readonly temporaryLockoutNotBefore?: number;
  /** The failure count after this failure (the lockout events' `num_failures` detail). */
  readonly numFailures?: number;
}

export interface GuardedPasswordCheck {
  readonly realmSettings: BruteForceSettings;
  readonly realmId: string;
  readonly userId: string;
  readonly ip: string | undefined;
  /** Checks the password (the expensive hash); called only when the user is not locked. */
  readonly verify: () => Promise<boolean>;
  readonly repo: LoginFailureRepository;
  /**
   * The user, when loaded: a disabled one is refused without a password check; one disabled with
   * disabledReason=permanentLockout counts as permanently locked.
   */
  readonly user?: { readonly enabled: boolean; readonly attributes?: Record<string, string[]> };
  /** Hashes a dummy password on refusal so a lock is not told apart by timing (AuthenticatorUtils.dummyHash). */
  readonly dummyHash?: () => Promise<unknown>;
}

export async function guardedPasswordCheck(check: GuardedPasswordCheck): Promise<PasswordCheckResult> {
  const { realmSettings: settings, realmId, userId, ip, verify, repo } = check;
  const disabled = check.user?.enabled === false;
  // Keycloak consults the protector only when the realm is brute-force protected.
  if (!settings.bruteForceProtected) {
    if (disabled) return refuse('disabled');
    return (await verify()) ? { ok: true } : refuse('invalidCredentials');
  }

  // isPermanentlyLockedOut, first half: the user was disabled by a permanent lockout.
  if (disabled && check.user?.attributes?.[DISABLED_REASON]?.[0] === DISABLED_BY_PERMANENT_LOCKOUT) {
    await check.dummyHash?.();
    return refuse('permanentlyLocked');
  }
  if (disabled) {
    // ValidateUsername's order: the brute-force refusal first, then "Account disabled"; no attempt is counted.
    const status = await repo.status(realmId, userId, settings);
    return status.locked ? await lockedOut(check, status) : refuse('disabled');
  }
  // The record: permanent lockout decided but the user not yet disabled, a temporary lock, or too
  // many attempts in flight to check one more password.
  const admission = await repo.admit(realmId, userId, settings);
  if (!admission.admitted) return lockedOut(check, admission.status);

  if (await verify()) {
    // DefaultBruteForceProtector.success clears the record (this attempt's admission with it).
    await repo.clear(realmId, userId);
    return { ok: true };
  }
  const failure = await repo.recordFailure(realmId, userId, ip, settings, admission.attemptId);
  return {
    ...refuse('invalidCredentials'),
    numFailures: failure.record.numFailures,
    ...(failure.permanentLockout ? { permanentLockout: true } : {}),
    ...(failure.temporaryLockout
      ? { temporaryLockoutNotBefore: failure.temporaryLockout.notBefore, until: failure.temporaryLockout.notBefore * 1000 }
      : {}),
  };
}

/** A locked user's refusal, after a dummy hash so a lock is not told apart by timing. */
async function lockedOut(check: GuardedPasswordCheck, status: LockStatus): Promise<PasswordCheckResult> {
  await check.dummyHash?.();
  return status.permanent ? refuse('permanentlyLocked') : { ...refuse('temporarilyLocked'), ...(status.until === undefined ? {} : { until: status.until }) };
}

function refuse(reason: RefusalReason): PasswordCheckResult {
  return { ok: false, reason, eventError: BruteForceEventErrors[reason] };
}
