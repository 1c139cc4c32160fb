import type { TokenResponse } from './issue-tokens.js';

/**
 * The token ids Keycloak adds to a grant's event (TokenManager.AccessTokenResponseBuilder.build):
 * `token_id` (the access token's jti) and the refresh token's jti, as `refresh_token_id`, or as
 * `updated_refresh_token_id` when the event already names the refresh token presented (a refresh).
 * Read back from the signed tokens: they are ours, freshly made, so only the payload is decoded.
 */
export function tokenIdDetails(response: TokenResponse, presentedRefreshTokenId?: string): Record<string, string> {
  const details: Record<string, string> = {};
  const accessId = jtiOf(response.access_token);
  if (accessId) details['token_id'] = accessId;
  if (presentedRefreshTokenId) details['refresh_token_id'] = presentedRefreshTokenId;
  const refreshId = response.refresh_token ? jtiOf(response.refresh_token) : undefined;
  if (refreshId) details[presentedRefreshTokenId ? 'updated_refresh_token_id' : 'refresh_token_id'] = refreshId;
  return details;
}

/** The payload's jti, decoded with node's base64url (jose's portable decoder cost ~2 % of a client_credentials grant). */
function jtiOf(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const jti = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown }).jti;
    return typeof jti === 'string' ? jti : undefined;
  } catch {
    return undefined;
  }
}
