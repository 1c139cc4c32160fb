import { javaEqualsIgnoreCase } from '../java-chars.js';
import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/** NotEmailPasswordPolicyProvider: the password equals the user's email, ignoring case. No email, no check. */
export const notEmailRule: PasswordRule = {
  id: 'notEmail',
  validate: (password, { notEmail }, { email }) =>
    notEmail && email != null && javaEqualsIgnoreCase(email, password) ? policyError('invalidPasswordNotEmailMessage') : null,
};
