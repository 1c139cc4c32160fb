import { countUnits, isJavaUpperCase } from '../java-chars.js';
import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/** UpperCasePasswordPolicyProvider: fewer than `upperCase` chars with Character.isUpperCase. */
export const upperCaseRule: PasswordRule = {
  id: 'upperCase',
  validate: (password, { upperCase }) =>
    upperCase !== undefined && countUnits(password, isJavaUpperCase) < upperCase
      ? policyError('invalidPasswordMinUpperCaseCharsMessage', upperCase)
      : null,
};
