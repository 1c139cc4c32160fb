import type { ClientRepresentation } from '../../model/client.js';
import { INVALID_SIGNATURE_ALGORITHM } from './messages.js';

/** Asymmetric JWS algorithms (RFC 7518 §3.3–3.5, RFC 8037) a private_key_jwt may use. */
export const PRIVATE_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
/** HMAC JWS algorithms (RFC 7518 §3.2) a client_secret_jwt may use. */
export const CLIENT_SECRET_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;

/**
 * The algorithms this client's assertion may be signed with: the method's family (OIDC Core §9:
 * client_secret_jwt is HMAC with the secret, private_key_jwt is signed with the client's private key;
 * "none" is never one of them, RFC 8725 §3.1), narrowed to the client attribute
 * "token.endpoint.auth.signing.alg" when set (Keycloak AbstractBaseJWTValidator.validateSignatureAlgorithm).
 */
export function allowedAlgorithms(method: 'private_key_jwt' | 'client_secret_jwt', rep: ClientRepresentation): string[] {
  const family: readonly string[] = method === 'private_key_jwt' ? PRIVATE_KEY_ALGORITHMS : CLIENT_SECRET_ALGORITHMS;
  const configured = rep.attributes?.['token.endpoint.auth.signing.alg'];
  return configured ? family.filter((alg) => alg === configured) : [...family];
}

/** The reason the header's alg is refused, if it is. */
export function algorithmProblem(alg: string | undefined, allowed: readonly string[]): string | undefined {
  return alg !== undefined && allowed.includes(alg) ? undefined : INVALID_SIGNATURE_ALGORITHM;
}
