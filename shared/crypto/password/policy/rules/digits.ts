import { countUnits, isJavaDigit } from '../java-chars.js';
import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/** DigitsPasswordPolicyProvider: fewer than `digits` chars with Character.isDigit. */
export const digitsRule: PasswordRule = {
  id: 'digits',
  validate: (password, { digits }) =>
    digits !== undefined && countUnits(password, isJavaDigit) < digits ? policyError('invalidPasswordMinDigitsMessage', digits) : null,
};
