import type { PasswordPolicy, PasswordPolicyContext } from '../password-policy.js';
import type { PolicyError } from '../policy-error.js';

/** One Keycloak PasswordPolicyProvider's validate(realm, user, password), keyed by its policy id. */
export interface PasswordRule {
  readonly id: string;
  validate(password: string, policy: PasswordPolicy, context: PasswordPolicyContext): PolicyError | null;
}
