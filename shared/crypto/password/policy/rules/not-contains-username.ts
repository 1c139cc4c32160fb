import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/**
 * NotContainsUsernamePasswordPolicyProvider: the lower-cased password contains the lower-cased username
 * (`password.toLowerCase().contains(username.toLowerCase())`, as fixed by keycloak/keycloak#37431).
 */
export const notContainsUsernameRule: PasswordRule = {
  id: 'notContainsUsername',
  validate: (password, { notContainsUsername }, { username }) =>
    notContainsUsername && username != null && password.toLowerCase().includes(username.toLowerCase())
      ? policyError('invalidPasswordNotContainsUsernameMessage')
      : null,
};
