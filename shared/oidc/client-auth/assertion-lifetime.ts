import type { AssertionClaims } from './assertion-token.js';
import {
  EXP_REQUIRED,
  EXP_TOO_FAR_WITHOUT_IAT,
  ISSUED_IN_FUTURE,
  ISSUED_TOO_LONG_AGO,
  MALFORMED_ASSERTION,
  NOT_ACTIVE,
} from './messages.js';

/** Clock skew allowed between the client and Gatehouse, in seconds (Keycloak JWTClientValidator.getAllowedClockSkew). */
export const ASSERTION_CLOCK_SKEW_SECONDS = 15;

/**
 * How long after `iat` an assertion stays usable, in seconds: the client attribute
 * "token.endpoint.auth.signing.max.exp" when a positive integer, else 60
 * (Keycloak OIDCAdvancedConfigWrapper.getTokenEndpointAuthSigningMaxExp, since 26.2).
 */
export function maxAssertionLifetime(attributes: Record<string, string> | undefined): number {
  const value = Number(attributes?.['token.endpoint.auth.signing.max.exp']);
  return Number.isInteger(value) && value > 0 ? value : 60;
}

export type LifetimeResult = { readonly acceptedUntil: number } | { readonly reason: string };

/**
 * RFC 7523 §3 rules 4–5 as Keycloak 26 applies them (AbstractBaseJWTValidator.validateTokenActive):
 * - exp is required and must not have passed; nbf must have come; both with 15 s of clock skew;
 * - without iat, exp may be at most maxLifetime ahead (a long-lived assertion must say when it was made);
 * - with iat, it must not be in the future (15 s skew) nor more than maxLifetime ago, and exp must
 *   still be ahead.
 * Returns the last second (epoch) at which this assertion would still be accepted, which bounds how
 * long its jti must be remembered, or the reason it is refused. `now` in whole epoch seconds.
 */
export function assertionLifetime(claims: AssertionClaims, now: number, maxLifetime: number): LifetimeResult {
  const skew = ASSERTION_CLOCK_SKEW_SECONDS;
  const { exp, iat, nbf } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { reason: EXP_REQUIRED };
  if (!optionalNumber(iat) || !optionalNumber(nbf)) return { reason: MALFORMED_ASSERTION };
  if (now > exp + skew || (typeof nbf === 'number' && now + skew < nbf)) return { reason: NOT_ACTIVE };
  if (typeof iat !== 'number') {
    if (exp - now > maxLifetime) return { reason: EXP_TOO_FAR_WITHOUT_IAT };
    return { acceptedUntil: Math.floor(exp + skew) };
  }
  if (iat - skew > now) return { reason: ISSUED_IN_FUTURE };
  if (Math.min(exp - now, maxLifetime) <= 0) return { reason: NOT_ACTIVE };
  if (now > iat + maxLifetime) return { reason: ISSUED_TOO_LONG_AGO };
  return { acceptedUntil: Math.min(Math.ceil(exp) - 1, Math.floor(iat + maxLifetime)) };
}

function optionalNumber(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value));
}
