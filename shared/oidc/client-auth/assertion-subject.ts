import type { AssertionClaims } from './assertion-token.js';
import { CLIENT_ID_MISMATCH_SUB, ISSUER_MISMATCH, SUB_REQUIRED } from './messages.js';

/**
 * RFC 7523 §3 rules 1–2 with OIDC Core §9: iss and sub are both the client_id; RFC 7521 §4.2: a
 * client_id parameter, when sent, names the same client. Returns the client id, or the reason the
 * assertion is refused (Keycloak AbstractJWTClientValidator.validateClient texts).
 */
export function assertionSubject(claims: AssertionClaims, clientIdParam: string | undefined): { clientId: string } | { reason: string } {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') return { reason: SUB_REQUIRED };
  if (clientIdParam !== undefined && clientIdParam !== sub) return { reason: CLIENT_ID_MISMATCH_SUB };
  if (claims.iss !== sub) return { reason: ISSUER_MISMATCH };
  return { clientId: sub };
}
