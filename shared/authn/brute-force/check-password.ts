import type { LoginFailureRepository } from './login-failures.js';
import type { BruteForceSettings } from './policy.js';

/**
 * A password check behind Keycloak's brute-force detection, as its password authenticators do it
 * (AbstractUsernameFormAuthenticator.validatePassword, direct grant's ValidateUsername/ValidatePassword):
 * a locked user is refused before the password is looked at — the right password too, and the refusal
 * is not counted as a failure ("count does not increment when a temporarily disabled account commits a
 * login failure"); a wrong password is recorded; a right one clears the record.
 *
 * How Keycloak shows each outcome: the user always sees the same thing — browser form "Invalid username
 * or password." (Messages.INVALID_USER), direct grant HTTP 400 `invalid_grant` "Invalid user
 * credentials" — so an attacker cannot tell a lock from a wrong password. Only the LOGIN_ERROR event
 * tells them apart, through `eventError` (Keycloak's Errors constants).
 */

/** Keycloak's org.keycloak.events.Errors values for each refusal. */
export const BruteForceEventErrors = {
  /** Errors.USER_TEMPORARILY_DISABLED */
  temporarilyLocked: 'user_temporarily_disabled',
  /** Errors.USER_DISABLED: AuthenticatorUtils.getDisabledByBruteForceEventError for a permanent lockout. */
  permanentlyLocked: 'user_disabled',
  /** Errors.INVALID_USER_CREDENTIALS */
  invalidCredentials: 'invalid_user_credentials',
} as const;

/** What the client is told for every refusal (the same, whatever the reason). */
export const directGrantRefusal = { status: 400, error: 'invalid_grant', error_description: 'Invalid user credentials' } as const;
export const loginFormRefusalMessage = 'invalidUserMessage';

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
  /** The user, when loaded: a user disabled with disabledReason=permanentLockout is permanently locked. */
  readonly user?: { readonly enabled: boolean; readonly attributes?: Record<string, string[]> };
  /** Hashes a dummy password on refusal so a lock is not told apart by timing (AuthenticatorUtils.dummyHash). */
  readonly dummyHash?: () => Promise<unknown>;
}

export async function guardedPasswordCheck(check: GuardedPasswordCheck): Promise<PasswordCheckResult> {
  const { realmSettings: settings, realmId, userId, ip, verify, repo } = check;
  // Keycloak consults the protector only when the realm is brute-force protected.
  if (!settings.bruteForceProtected) return (await verify()) ? { ok: true } : refuse('invalidCredentials');

  // isPermanentlyLockedOut, first half: the user was disabled by a permanent lockout.
  if (check.user && !check.user.enabled && check.user.attributes?.[DISABLED_REASON]?.[0] === DISABLED_BY_PERMANENT_LOCKOUT) {
    await check.dummyHash?.();
    return refuse('permanentlyLocked');
  }
  // The record: permanent lockout decided but the user not yet disabled, or a temporary lock.
  const status = await repo.status(realmId, userId, settings);
  if (status.locked) {
    await check.dummyHash?.();
    return status.permanent ? refuse('permanentlyLocked') : { ...refuse('temporarilyLocked'), until: status.until };
  }

  if (await verify()) {
    // DefaultBruteForceProtector.success clears an existing record; with none there is nothing to write.
    if (status.record) await repo.clear(realmId, userId);
    return { ok: true };
  }
  const failure = await repo.recordFailure(realmId, userId, ip, settings);
  return {
    ...refuse('invalidCredentials'),
    numFailures: failure.record.numFailures,
    ...(failure.permanentLockout ? { permanentLockout: true } : {}),
    ...(failure.temporaryLockout
      ? { temporaryLockoutNotBefore: failure.temporaryLockout.notBefore, until: failure.temporaryLockout.notBefore * 1000 }
      : {}),
  };
}

function refuse(reason: RefusalReason): PasswordCheckResult {
  return { ok: false, reason, eventError: BruteForceEventErrors[reason] };
}
