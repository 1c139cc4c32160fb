import type { PasswordPolicy, PasswordPolicyContext } from './password-policy.js';
import type { PolicyError } from './policy-error.js';
import { passwordRules } from './rules/index.js';

/**
 * Every content rule the password breaks, in the order the policy string lists them. (Keycloak walks
 * PasswordPolicy.getPolicies(), a HashMap key set, so its order is unspecified; the string's order is
 * the stable choice.)
 */
export function listPasswordPolicyErrors(
  password: string,
  policy: PasswordPolicy,
  context: PasswordPolicyContext = {},
): PolicyError[] {
  const errors: PolicyError[] = [];
  for (const [id] of policy.entries) {
    const error = passwordRules.get(id)?.validate(password, policy, context);
    if (error) errors.push(error);
  }
  return errors;
}

/**
 * DefaultPasswordPolicyManagerProvider.validate: the first rule the password breaks, or null.
 * Callers turn the error into Keycloak's response (e.g. {"error":"invalidPasswordMinLengthMessage", ...}).
 */
export function validatePasswordAgainstPolicy(
  password: string,
  policy: PasswordPolicy,
  context: PasswordPolicyContext = {},
): PolicyError | null {
  return listPasswordPolicyErrors(password, policy, context)[0] ?? null;
}
