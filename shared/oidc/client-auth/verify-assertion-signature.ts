import { compactVerify, errors, type CompactVerifyGetKey, type KeyInput } from 'jose';

export type SignatureOutcome = 'valid' | 'invalid' | 'no-key';

/**
 * Checks the assertion's JWS signature (RFC 7515 §5.2) with the client's key(s), accepting only the
 * given algorithms (so never "none" and never an HMAC key used as a public key, RFC 8725 §3.1–3.2).
 * "no-key" when no key can be had for it (nothing configured, JWKS unreachable or without a key for
 * the header's kid/alg); Keycloak answers those "Unable to load public key". When a JWKS holds
 * several keys that fit the header, each is tried.
 */
export async function verifyAssertionSignature(
  assertion: string,
  key: KeyInput | CompactVerifyGetKey,
  algorithms: readonly string[],
): Promise<SignatureOutcome> {
  const options = { algorithms: [...algorithms] };
  try {
    await compactVerify(assertion, key, options);
    return 'valid';
  } catch (error) {
    if (error instanceof errors.JWKSMultipleMatchingKeys) return tryEach(assertion, error, options);
    return classify(error);
  }
}

async function tryEach(assertion: string, candidates: errors.JWKSMultipleMatchingKeys, options: { algorithms: string[] }): Promise<SignatureOutcome> {
  for await (const candidate of candidates) {
    try {
      await compactVerify(assertion, candidate, options);
      return 'valid';
    } catch {
      // the next key of the set may be the one
    }
  }
  return 'invalid';
}

function classify(error: unknown): SignatureOutcome {
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JWSInvalid) {
    return 'invalid';
  }
  if (error instanceof errors.JOSEError) return 'no-key'; // JWKSNoMatchingKey, JWKSInvalid, JWKSTimeout, HTTP status, JSON
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return 'no-key';
  // A key of the wrong type for the header's alg (an RSA certificate and ES256, ...): not this key.
  return 'invalid';
}
