import { countUnits, isJavaLetterOrDigit } from '../java-chars.js';
import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/** SpecialCharsPasswordPolicyProvider: fewer than `specialChars` chars that are not Character.isLetterOrDigit. */
export const specialCharsRule: PasswordRule = {
  id: 'specialChars',
  validate: (password, { specialChars }) =>
    specialChars !== undefined && countUnits(password, (c) => !isJavaLetterOrDigit(c)) < specialChars
      ? policyError('invalidPasswordMinSpecialCharsMessage', specialChars)
      : null,
};
