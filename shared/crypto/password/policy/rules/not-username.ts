import { javaEqualsIgnoreCase } from '../java-chars.js';
import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/**
 * NotUsernamePasswordPolicyProvider: the password equals the username, ignoring case since the fix for
 * keycloak/keycloak#37431 (PR #37432, February 2025, backported to the 26 line): Keycloak stores usernames
 * lower-cased, so a case-sensitive check let "Alice" through for user "alice". No username, no check.
 */
export const notUsernameRule: PasswordRule = {
  id: 'notUsername',
  validate: (password, { notUsername }, { username }) =>
    notUsername && username != null && javaEqualsIgnoreCase(username, password)
      ? policyError('invalidPasswordNotUsernameMessage')
      : null,
};
