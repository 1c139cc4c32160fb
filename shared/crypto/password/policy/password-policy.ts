import type { PasswordHashAlgorithmId } from '../hash-algorithms.js';

/**
 * A realm's parsed `passwordPolicy` (org.keycloak.models.PasswordPolicy). Absent fields are policies the
 * realm does not set. `entries` keeps the string's policies in order with their raw config, as
 * PasswordPolicy.Builder's LinkedHashMap does (a repeated id keeps its first position, last value).
 */
export interface PasswordPolicy {
  readonly entries: readonly (readonly [id: string, config: string | undefined])[];
  /** hashAlgorithm(...): a PasswordHashProvider id. Unset means the server default (argon2). */
  readonly hashAlgorithm?: PasswordHashAlgorithmId;
  /** hashIterations(...): -1 means the algorithm's default (PasswordPolicy.getHashIterations). */
  readonly hashIterations?: number;
  /** length(8): minimum number of UTF-16 code units. */
  readonly length?: number;
  /** maxLength(64). */
  readonly maxLength?: number;
  /** digits(1), lowerCase(1), upperCase(1), specialChars(1): minimum counts. */
  readonly digits?: number;
  readonly lowerCase?: number;
  readonly upperCase?: number;
  readonly specialChars?: number;
  /** Flags without config (their argument, e.g. notUsername(undefined), is ignored). */
  readonly notUsername?: boolean;
  readonly notEmail?: boolean;
  readonly notContainsUsername?: boolean;
  /** regexPattern(...): a Java regular expression the whole password must match. */
  readonly regexPattern?: string;
  /** passwordBlacklist(name): a denylist file name; checked where the lists live, not here. */
  readonly passwordBlacklist?: string;
  /** passwordHistory(3): how many recent passwords may not be reused. */
  readonly passwordHistory?: number;
  /** passwordAge(30): days within which an old password may not be reused. */
  readonly passwordAge?: number;
  /** forceExpiredPasswordChange(365): days until the password expires. */
  readonly forceExpiredPasswordChange?: number;
  /** maxAuthAge(300): seconds an authentication may be old to change the password without re-login. */
  readonly maxAuthAge?: number;
  /** recoveryCodesWarningThreshold(4): deprecated in Keycloak, kept so old realms parse. */
  readonly recoveryCodesWarningThreshold?: number;
}

/** The user facts the content rules look at (UserModel.getUsername / getEmail). */
export interface PasswordPolicyContext {
  readonly username?: string | undefined;
  readonly email?: string | undefined;
}

export const emptyPasswordPolicy: PasswordPolicy = { entries: [] };
