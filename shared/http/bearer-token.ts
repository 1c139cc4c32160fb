/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), as Keycloak's
 * AppAuthManager reads it: scheme matched case-insensitively, exactly one token after it; anything
 * else counts as no token.
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  const parts = authorization?.trim().split(/\s+/);
  if (!parts || parts.length !== 2 || parts[0]!.toLowerCase() !== 'bearer' || parts[1] === '') return undefined;
  return parts[1];
}
