import { countUnits, isJavaLowerCase } from '../java-chars.js';
import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/** LowerCasePasswordPolicyProvider: fewer than `lowerCase` chars with Character.isLowerCase. */
export const lowerCaseRule: PasswordRule = {
  id: 'lowerCase',
  validate: (password, { lowerCase }) =>
    lowerCase !== undefined && countUnits(password, isJavaLowerCase) < lowerCase
      ? policyError('invalidPasswordMinLowerCaseCharsMessage', lowerCase)
      : null,
};
