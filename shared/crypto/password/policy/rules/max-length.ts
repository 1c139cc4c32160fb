import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/** MaximumLengthPasswordPolicyProvider: password.length() (UTF-16 code units) above the maximum. */
export const maxLengthRule: PasswordRule = {
  id: 'maxLength',
  validate: (password, { maxLength }) =>
    maxLength !== undefined && password.length > maxLength ? policyError('invalidPasswordMaxLengthMessage', maxLength) : null,
};
