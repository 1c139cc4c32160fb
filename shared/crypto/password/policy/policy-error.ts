/**
 * A failed password rule: Keycloak's PolicyError, a message key from the theme's messages bundle
 * (e.g. invalidPasswordMinLengthMessage = "Invalid password: minimum length {0}.") and its parameters.
 */
export interface PolicyError {
  readonly message: string;
  readonly parameters: readonly (string | number)[];
}

export function policyError(message: string, ...parameters: (string | number)[]): PolicyError {
  return { message, parameters };
}

/**
 * An unusable passwordPolicy string. The messages are Keycloak's: PasswordPolicy.Builder.build throws
 * PasswordPolicyConfigException("Password policy not found") for an unknown id and
 * ModelException("Invalid config for <id>: <reason>") when a provider's parseConfig rejects its value.
 */
export class PasswordPolicyConfigError extends Error {
  override readonly name = 'PasswordPolicyConfigError';
}
