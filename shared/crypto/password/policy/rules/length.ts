import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/** LengthPasswordPolicyProvider: password.length() (UTF-16 code units) below the minimum. */
export const lengthRule: PasswordRule = {
  id: 'length',
  validate: (password, { length }) =>
    length !== undefined && password.length < length ? policyError('invalidPasswordMinLengthMessage', length) : null,
};
