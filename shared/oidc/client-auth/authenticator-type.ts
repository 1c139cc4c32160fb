import type { ClientRepresentation } from '../../model/client.js';
import type { ClientAuthMethod } from './types.js';

/** Keycloak's client authenticator provider ids (ClientRepresentation.clientAuthenticatorType). */
export type ClientAuthenticatorType = 'client-secret' | 'client-jwt' | 'client-secret-jwt' | 'client-x509';

/**
 * The one authenticator a client may pass (Keycloak ClientAuthenticationFlow.processFlow): the
 * client's clientAuthenticatorType, "client-secret" when unset, and always "client-secret" for a
 * public client (which that authenticator accepts on client_id alone). So a "client-secret" client
 * may use client_secret_basic or client_secret_post but not client_secret_jwt, "client-secret-jwt"
 * only client_secret_jwt and "client-jwt" only private_key_jwt (Keycloak #34547 / PR #35988 made
 * the JWT authenticators check the type first). "client-x509" (mutual TLS, RFC 8705) has no
 * verifier here, so such clients cannot authenticate.
 */
export function expectedAuthenticator(rep: ClientRepresentation): string {
  if (rep.publicClient === true) return 'client-secret';
  return rep.clientAuthenticatorType || 'client-secret';
}

/**
 * The provider id of the authenticator that accepted a method: what Keycloak records as an event's
 * `client_auth_method` detail (ClientAuthenticationFlow sets it to the authenticator factory's id).
 * ClientIdAndSecretAuthenticator ("client-secret") takes the secret in either place and public clients.
 */
export function authenticatorIdOf(method: ClientAuthMethod): ClientAuthenticatorType {
  if (method === 'private_key_jwt') return 'client-jwt';
  if (method === 'client_secret_jwt') return 'client-secret-jwt';
  return 'client-secret';
}
