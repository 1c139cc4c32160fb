import { digitsRule } from './digits.js';
import { lengthRule } from './length.js';
import { lowerCaseRule } from './lower-case.js';
import { maxLengthRule } from './max-length.js';
import { notContainsUsernameRule } from './not-contains-username.js';
import { notEmailRule } from './not-email.js';
import { notUsernameRule } from './not-username.js';
import type { PasswordRule } from './password-rule.js';
import { regexPatternRule } from './regex-pattern.js';
import { specialCharsRule } from './special-chars.js';
import { upperCaseRule } from './upper-case.js';

/**
 * The content rules checked here, by policy id. Policies that need stored state (passwordHistory,
 * passwordAge, passwordBlacklist) or carry settings only (hashAlgorithm, hashIterations,
 * forceExpiredPasswordChange, maxAuthAge) have no rule in this table.
 */
export const passwordRules: ReadonlyMap<string, PasswordRule> = new Map(
  [
    lengthRule,
    maxLengthRule,
    digitsRule,
    lowerCaseRule,
    upperCaseRule,
    specialCharsRule,
    notUsernameRule,
    notEmailRule,
    notContainsUsernameRule,
    regexPatternRule,
  ].map((rule) => [rule.id, rule] as const),
);
