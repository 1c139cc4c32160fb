import type { Claims, TokenCategory } from './mapper.js';

/** The token's audience as a list, whichever shape the claim has now. */
export function audienceOf(claims: Claims): string[] {
  const aud = claims['aud'];
  if (aud === undefined || aud === null) return [];
  return Array.isArray(aud) ? aud.map(String) : [String(aud)];
}

/**
 * Writes JsonWebToken.audience as Keycloak serialises it: StringOrArraySerializer turns a single
 * audience into a string and several into an array. The userinfo response is built from a Map
 * (TokenManager.generateUserInfoClaims puts the String[]), so there it is always an array.
 */
export function writeAudience(claims: Claims, audience: readonly string[], category: TokenCategory): void {
  claims['aud'] = audience.length === 1 && category !== 'userinfo' ? audience[0] : [...audience];
}

/** JsonWebToken.addAudience: appends unless already present. */
export function addAudience(claims: Claims, audience: string, category: TokenCategory): void {
  const current = audienceOf(claims);
  if (current.includes(audience)) return;
  writeAudience(claims, [...current, audience], category);
}
