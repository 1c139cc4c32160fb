import { InvalidClient, InvalidRequest } from '../errors/codes.js';
import { parseAuthorization } from './basic-header.js';
import { CLIENT_ID_MISMATCH_BASIC, INVALID_CLIENT_CREDENTIALS, MULTIPLE_METHODS } from './messages.js';

/** The credentials one request presents, after the one-method rule. */
export type PresentedCredentials =
  | { readonly kind: 'basic'; readonly clientId: string; readonly secret: string }
  | { readonly kind: 'post'; readonly clientId: string; readonly secret: string }
  | { readonly kind: 'assertion' }
  | { readonly kind: 'client_id'; readonly clientId: string };

/**
 * Reads which client authentication the request uses. RFC 6749 §2.3: "The client MUST NOT use more
 * than one authentication method in each request" — a Basic header beside client_secret or a client
 * assertion, or client_secret beside an assertion, is invalid_request (Keycloak would silently pick
 * one; the RFC rule is stricter and safer).
 *
 * A client_id parameter beside Basic must name the same client (RFC 6749 §2.3.1 lets it be sent,
 * RFC 7521 §4.2 says it must identify the same client). No credentials at all, a malformed Basic header
 * or a non-Basic scheme without a client_id is invalid_client; when the Authorization header was
 * used the 401 carries the Basic challenge (RFC 6749 §5.2; Keycloak ClientIdAndSecretAuthenticator).
 */
export function presentedCredentials(authorization: string | undefined, form: ReadonlyMap<string, string>): PresentedCredentials {
  const header = authorization?.trim() ? parseAuthorization(authorization.trim()) : undefined;
  const formSecret = form.get('client_secret');
  const assertion = form.has('client_assertion') || form.has('client_assertion_type');
  const formClientId = form.get('client_id');

  if (header?.kind === 'malformed') throw new InvalidClient(INVALID_CLIENT_CREDENTIALS, true);
  if (header?.kind === 'basic') {
    if (formSecret !== undefined || assertion) throw new InvalidRequest(MULTIPLE_METHODS);
    if (formClientId !== undefined && formClientId !== header.clientId) throw new InvalidRequest(CLIENT_ID_MISMATCH_BASIC);
    return header;
  }
  if (formSecret !== undefined && assertion) throw new InvalidRequest(MULTIPLE_METHODS);
  if (assertion) return { kind: 'assertion' };
  if (formClientId === undefined) throw new InvalidClient(INVALID_CLIENT_CREDENTIALS, header !== undefined);
  if (formSecret !== undefined) return { kind: 'post', clientId: formClientId, secret: formSecret };
  return { kind: 'client_id', clientId: formClientId };
}
