import { InvalidClient } from '../errors/codes.js';
import type { ClientConfig } from '../../store/clients.js';
import { audienceProblem, expectedAudiences } from './assertion-audience.js';
import { assertionLifetime, maxAssertionLifetime } from './assertion-lifetime.js';
import { assertionFromForm } from './assertion-params.js';
import { claimAssertionJti } from './assertion-replay.js';
import { assertionSubject } from './assertion-subject.js';
import { decodeAssertion, type DecodedAssertion } from './assertion-token.js';
import { expectedAuthenticator } from './authenticator-type.js';
import { clientVerificationKeys } from './client-public-keys.js';
import { loadEnabledClient } from './load-client.js';
import {
  CLIENT_SECRET_JWT_FAILED,
  INVALID_CLIENT_CREDENTIALS,
  JTI_REQUIRED,
  MALFORMED_ASSERTION,
  PRIVATE_KEY_JWT_FAILED,
  SECRET_SIGNATURE_INVALID,
  SIGNATURE_INVALID,
  TOKEN_REUSE,
  UNABLE_TO_LOAD_PUBLIC_KEY,
} from './messages.js';
import { algorithmProblem, allowedAlgorithms } from './signing-algorithm.js';
import type { AuthenticateClientInput, AuthenticatedClient } from './types.js';
import { verifyAssertionSignature } from './verify-assertion-signature.js';

type JwtMethod = 'private_key_jwt' | 'client_secret_jwt';

/**
 * private_key_jwt and client_secret_jwt (OIDC Core §9; RFC 7521 §4.2, RFC 7523 §2.2 and §3), in the
 * order of Keycloak 26's JWTClientValidator: assertion parameters → the client named by sub → the
 * client's method → signature algorithm → signature → audience → lifetime → single use of jti. The jti
 * is claimed last, so a refused assertion does not burn it.
 *
 * Failures are 401 invalid_client. Parameter problems use Keycloak's texts as they are; a refused
 * assertion reads "Client authentication with signed JWT failed: <reason>" (or "... with client
 * secret signed JWT ...") with the reason texts of Keycloak's validator.
 */
export async function authenticateWithAssertion(input: AuthenticateClientInput): Promise<AuthenticatedClient> {
  const assertion = assertionFromForm(input.form);
  const decoded = decodeAssertion(assertion);
  if (!decoded) throw new InvalidClient(PRIVATE_KEY_JWT_FAILED + MALFORMED_ASSERTION);
  const subject = assertionSubject(decoded.claims, input.form.get('client_id'));
  if ('reason' in subject) throw new InvalidClient(PRIVATE_KEY_JWT_FAILED + subject.reason);

  const client = await loadEnabledClient(input.loadClient, subject.clientId, false);
  const method = jwtMethodOf(client);
  const refuse = (reason: string) => new InvalidClient((method === 'private_key_jwt' ? PRIVATE_KEY_JWT_FAILED : CLIENT_SECRET_JWT_FAILED) + reason);

  const algorithms = allowedAlgorithms(method, client.client.rep);
  const algorithm = algorithmProblem(decoded.alg, algorithms);
  if (algorithm) throw refuse(algorithm);
  await checkSignature(assertion, client, method, algorithms, refuse);

  const audience = audienceProblem(decoded.claims.aud, expectedAudiences(input.issuer, input.endpointUrl));
  if (audience) throw refuse(audience);
  await claimSingleUse(input, client, decoded, refuse);
  return { client, method };
}

/** The client's clientAuthenticatorType decides the one JWT method it may use (authenticator-type.ts). */
function jwtMethodOf(client: ClientConfig): JwtMethod {
  const authenticator = expectedAuthenticator(client.client.rep);
  if (authenticator === 'client-jwt') return 'private_key_jwt';
  if (authenticator === 'client-secret-jwt') return 'client_secret_jwt';
  throw new InvalidClient(INVALID_CLIENT_CREDENTIALS);
}

async function checkSignature(
  assertion: string,
  client: ClientConfig,
  method: JwtMethod,
  algorithms: string[],
  refuse: (reason: string) => InvalidClient,
): Promise<void> {
  if (method === 'client_secret_jwt') {
    // OIDC Core §9: HMAC with the octets of the UTF-8 client secret.
    const secret = client.client.rep.secret;
    if (!secret) throw new InvalidClient(INVALID_CLIENT_CREDENTIALS);
    const outcome = await verifyAssertionSignature(assertion, new TextEncoder().encode(secret), algorithms);
    if (outcome !== 'valid') throw refuse(SECRET_SIGNATURE_INVALID);
    return;
  }
  const keys = clientVerificationKeys(client.client.rep);
  const outcome = keys ? await verifyAssertionSignature(assertion, keys, algorithms) : 'no-key';
  if (outcome === 'no-key') throw new InvalidClient(UNABLE_TO_LOAD_PUBLIC_KEY);
  if (outcome === 'invalid') throw refuse(SIGNATURE_INVALID);
}

async function claimSingleUse(
  input: AuthenticateClientInput,
  client: ClientConfig,
  decoded: DecodedAssertion,
  refuse: (reason: string) => InvalidClient,
): Promise<void> {
  const now = Math.floor((input.now ?? Date.now)() / 1000);
  const lifetime = assertionLifetime(decoded.claims, now, maxAssertionLifetime(client.client.rep.attributes));
  if ('reason' in lifetime) throw refuse(lifetime.reason);
  const jti = decoded.claims.jti;
  if (typeof jti !== 'string' || jti === '') throw refuse(JTI_REQUIRED);
  const fresh = await claimAssertionJti(input.store, input.realmId, client.client.rep.clientId, jti, lifetime.acceptedUntil);
  if (!fresh) throw refuse(TOKEN_REUSE);
}
