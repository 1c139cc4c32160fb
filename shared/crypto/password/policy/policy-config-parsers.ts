import { isPasswordHashAlgorithm } from '../hash-algorithms.js';
import { compileJavaPattern } from './java-regex.js';
import { parseJavaInteger } from './java-int.js';
import type { PasswordPolicy } from './password-policy.js';
import { PasswordPolicyConfigError } from './policy-error.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** The typed fields of a PasswordPolicy, filled in by the parsers below. */
export type PolicyFields = Mutable<Omit<PasswordPolicy, 'entries'>>;
type Fields = PolicyFields;
type ConfigParser = (value: string | undefined, into: Fields) => void;

const invalid = (id: string, reason: string): PasswordPolicyConfigError =>
  new PasswordPolicyConfigError(`Invalid config for ${id}: ${reason}`);

/** An int policy with the default its provider's parseConfig falls back to when no argument is given. */
function int<K extends keyof Fields>(id: K, fallback: number): ConfigParser {
  return (value, into) => {
    (into as Record<string, unknown>)[id] = parseJavaInteger(id, value, fallback);
  };
}

/** A policy without config: its provider's parseConfig ignores the argument. */
function flag<K extends keyof Fields>(id: K): ConfigParser {
  return (_value, into) => {
    (into as Record<string, unknown>)[id] = true;
  };
}

/**
 * Each policy id of Keycloak 26 and how its provider parses the config (org.keycloak.policy.*):
 * defaults are the providers' parseConfig fallbacks, not the admin console's suggested values.
 */
export const policyConfigParsers: Readonly<Record<string, ConfigParser>> = {
  // HashAlgorithmPasswordPolicyProviderFactory: the id must name an installed PasswordHashProvider.
  hashAlgorithm: (value, into) => {
    if (value === undefined) throw invalid('hashAlgorithm', 'Password hashing provider id must be set');
    if (!isPasswordHashAlgorithm(value)) throw invalid('hashAlgorithm', 'Password hashing provider not found');
    into.hashAlgorithm = value;
  },
  hashIterations: int('hashIterations', -1),
  length: int('length', 8), // LengthPasswordPolicyProvider
  maxLength: int('maxLength', 64), // MaximumLengthPasswordPolicyProviderFactory.DEFAULT_MAX_LENGTH
  digits: int('digits', 1),
  lowerCase: int('lowerCase', 1),
  upperCase: int('upperCase', 1),
  specialChars: int('specialChars', 1),
  notUsername: flag('notUsername'),
  notEmail: flag('notEmail'),
  notContainsUsername: flag('notContainsUsername'),
  // RegexPatternsPasswordPolicyProvider.parseConfig
  regexPattern: (value, into) => {
    if (value === undefined) throw invalid('regexPattern', 'Config required');
    if (value.trim() === '') throw invalid('regexPattern', 'White space not acepted');
    if (!compileJavaPattern(value)) throw invalid('regexPattern', 'Not a valid regular expression');
    into.regexPattern = value;
  },
  // BlacklistPasswordPolicyProvider: the list is resolved by name where the files live.
  passwordBlacklist: (value, into) => {
    if (value !== undefined && value.trim() !== '') into.passwordBlacklist = value.trim();
  },
  passwordHistory: int('passwordHistory', 3), // HistoryPasswordPolicyProviderFactory.DEFAULT_VALUE
  passwordAge: int('passwordAge', 30), // AgePasswordPolicyProviderFactory.DEFAULT_AGE_DAYS
  forceExpiredPasswordChange: int('forceExpiredPasswordChange', 365),
  maxAuthAge: int('maxAuthAge', -1), // MaxAuthAgePasswordPolicyProviderFactory.parseConfig
  recoveryCodesWarningThreshold: int('recoveryCodesWarningThreshold', 4),
};
