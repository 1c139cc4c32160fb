import { authenticatedClientChecks } from './authenticated-client-checks.js';
import { authenticateWithAssertion } from './jwt-authenticator.js';
import { presentedCredentials } from './presented-credentials.js';
import { authenticateWithClientId } from './secret-authenticator.js';
import type { AuthenticateClientInput, AuthenticatedClient } from './types.js';

export type { AuthenticateClientInput, AuthenticatedClient, ClientAuthMethod } from './types.js';

/**
 * Client authentication at the token, introspection, revocation, PAR, CIBA and logout endpoints
 * (RFC 6749 §2.3, OIDC Core §9), as Keycloak 26's "clients" flow does it (ClientAuthenticationFlow,
 * AuthorizeClientUtil): the request presents exactly one method (RFC 6749 §2.3), the client it names
 * must exist and be enabled, its clientAuthenticatorType decides the method it may use, and the
 * credential must hold. Throws InvalidClient (401, with `WWW-Authenticate: Basic` when the
 * Authorization header was used) or InvalidRequest (more than one method).
 */
export async function authenticateClient(input: AuthenticateClientInput): Promise<AuthenticatedClient> {
  const presented = presentedCredentials(input.authorization, input.form);
  const result = presented.kind === 'assertion' ? await authenticateWithAssertion(input) : await authenticateWithClientId(input, presented);
  authenticatedClientChecks(result.client, input.allowBearerOnly ?? false, presented.kind === 'basic');
  return result;
}
