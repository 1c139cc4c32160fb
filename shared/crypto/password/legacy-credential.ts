import type { KeycloakPasswordCredential } from './credential-json.js';

/** The pre-Keycloak-9 CredentialRepresentation fields still found in old realm exports. */
export interface DeprecatedPasswordRepresentation {
  readonly hashedSaltedValue: string;
  readonly salt?: string | null;
  readonly hashIterations: number;
  readonly algorithm?: string | null;
}

/**
 * RepresentationToModel.convertDeprecatedCredentialsFormat for type "password" / "password-history":
 * credentialData from `new PasswordCredentialData(hashIterations, algorithm)` (Jackson writes the empty
 * additionalParameters map), secretData built by hand from the stored strings without re-encoding.
 * A missing algorithm stays null there too, and such a credential then verifies with no provider.
 */
export function fromDeprecatedPasswordRepresentation(rep: DeprecatedPasswordRepresentation): KeycloakPasswordCredential {
  return {
    credentialData: JSON.stringify({ hashIterations: rep.hashIterations, algorithm: rep.algorithm ?? null, additionalParameters: {} }),
    secretData: JSON.stringify({ value: rep.hashedSaltedValue, salt: rep.salt ?? null }),
  };
}
