/** Keycloak-compatible password credentials: hashing, verification, rehash decisions, realm password policy. */
export { keycloakArgon2Settings, type Argon2Settings, type Argon2Type, type Argon2Version } from './argon2-parameters.js';
export { readStoredPassword, type KeycloakPasswordCredential, type StoredPassword } from './credential-json.js';
export {
  DEFAULT_HASH_ALGORITHM,
  PASSWORD_HASH_ALGORITHMS,
  isPasswordHashAlgorithm,
  type PasswordHashAlgorithmId,
} from './hash-algorithms.js';
export { hashPassword, hashTargetFor, type HashTarget } from './hash-password.js';
export { defaultPasswordHashSettings, type PasswordHashSettings } from './hash-settings.js';
export { fromDeprecatedPasswordRepresentation, type DeprecatedPasswordRepresentation } from './legacy-credential.js';
export { passwordCostLimits } from './limits.js';
export { needsRehash } from './needs-rehash.js';
export { pbkdf2Providers } from './pbkdf2-providers.js';
export { verifyPassword } from './verify-password.js';
export { formatPasswordPolicy, parsePasswordPolicy } from './policy/parse-password-policy.js';
export { emptyPasswordPolicy, type PasswordPolicy, type PasswordPolicyContext } from './policy/password-policy.js';
export { PasswordPolicyConfigError, type PolicyError } from './policy/policy-error.js';
export { listPasswordPolicyErrors, validatePasswordAgainstPolicy } from './policy/validate-password.js';
