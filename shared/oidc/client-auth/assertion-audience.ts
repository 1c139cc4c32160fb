import { INVALID_AUDIENCE, MULTIPLE_AUDIENCES } from './messages.js';

/**
 * The audiences a client assertion may name (RFC 7523 §3 rule 3: "the authorization server MUST
 * reject any JWT that does not contain its own identity as the intended audience"). Keycloak 26
 * (JWTClientValidator.getExpectedAudiences) accepts the realm issuer and the token, introspection,
 * PAR and CIBA endpoint URLs; the URL this request was sent to is accepted too (revocation, ...).
 */
export function expectedAudiences(issuer: string, endpointUrl: string): string[] {
  const oidc = `${issuer}/protocol/openid-connect`;
  const urls = [issuer, `${oidc}/token`, `${oidc}/token/introspect`, `${oidc}/ext/par/request`, `${oidc}/ext/ciba/auth`, endpointUrl];
  return [...new Set(urls)];
}

/**
 * aud is a string or an array of strings holding one expected audience. A second audience is refused,
 * as Keycloak does by default (allow-multiple-audiences-for-jwt-client-authentication=false; an
 * assertion meant for two servers could be replayed at the other). Returns the reason, if refused.
 */
export function audienceProblem(aud: unknown, expected: readonly string[]): string | undefined {
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.some((value) => typeof value === 'string' && expected.includes(value))) return INVALID_AUDIENCE;
  if (audiences.length > 1) return MULTIPLE_AUDIENCES;
  return undefined;
}
