import { decodeJwt, decodeProtectedHeader } from 'jose';

/** The claims of a client assertion Gatehouse reads (RFC 7523 §3). */
export interface AssertionClaims {
  readonly iss?: unknown;
  readonly sub?: unknown;
  readonly aud?: unknown;
  readonly exp?: unknown;
  readonly nbf?: unknown;
  readonly iat?: unknown;
  readonly jti?: unknown;
}

export interface DecodedAssertion {
  readonly alg: string | undefined;
  readonly claims: AssertionClaims;
}

/**
 * Reads a compact JWS's header and claims before its signature is checked: the subject names the
 * client, and so the key (RFC 7523 §3: "the JWT MUST contain a sub ... the client_id"). Nothing read
 * here is trusted until verifyAssertionSignature passes. Undefined when it is not a compact JWS with
 * a JSON object payload (an encrypted JWT, five parts, is not accepted either).
 */
export function decodeAssertion(assertion: string): DecodedAssertion | undefined {
  if (assertion.split('.').length !== 3) return undefined;
  try {
    const header = decodeProtectedHeader(assertion);
    return { alg: typeof header.alg === 'string' ? header.alg : undefined, claims: decodeJwt(assertion) };
  } catch {
    return undefined;
  }
}
