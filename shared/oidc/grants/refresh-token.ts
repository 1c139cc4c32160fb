import { recordEvent } from '../../events/record-event.js';
import { SessionsRepository } from '../../store/sessions.js';
import { UsersRepository } from '../../store/users.js';
import { InvalidGrant, InvalidRequest, InvalidScope } from '../errors/codes.js';
import type { OAuthError } from '../errors/oauth-error.js';
import { appliedScopes } from '../scopes/applied-scopes.js';
import { missingClientSessionReason, refreshSession } from '../sessions/refresh-session.js';
import { checkRefreshTokenReuse } from '../sessions/refresh-token-reuse.js';
import { decodeOwnToken } from '../tokens/decode-own-token.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { issuedBefore, tokenNotBefore } from '../tokens/not-before.js';
import { tokenContext } from '../tokens/token-context.js';
import { tokenIdDetails } from '../tokens/token-id-details.js';
import type { GrantHandler } from './grant-request.js';

/**
 * RFC 6749 §6 refreshing an access token (Keycloak's TokenManager.refreshAccessToken): the refresh
 * token must be this realm's, unexpired, issued to this client, its session alive (online or offline)
 * and kept alive by this refresh (refreshSession); a narrower `scope` may be asked for, never a wider
 * one. With the realm's revokeRefreshToken on, the token is rotated and reuse beyond
 * refreshTokenMaxReuse ends the session (checkRefreshTokenReuse).
 */
export const refreshTokenGrant: GrantHandler = async (request) => {
  const { client, realm, store, form, now } = request;
  const clientId = client.client.rep.clientId;
  const presented = form.get('refresh_token');
  if (!presented) throw new InvalidRequest('No refresh token');

  // Keycloak's RefreshTokenGrantType records every refusal of refreshAccessToken as REFRESH_TOKEN_ERROR
  // with error invalid_token and the answer's description as `reason`, whatever the OAuth error.
  const error = async (code: string, description: string, userId?: string, sessionId?: string, answer: OAuthError = new InvalidGrant(description)): Promise<never> => {
    await recordEvent(store, realm, {
      type: 'REFRESH_TOKEN_ERROR',
      clientId,
      ...(userId ? { userId } : {}),
      ...(sessionId ? { sessionId } : {}),
      ipAddress: request.ipAddress,
      error: code,
      details: { grant_type: 'refresh_token', reason: description },
    });
    throw answer;
  };

  // TokenManager.verifyRefreshToken: this realm's signature and issuer, a refresh or offline token,
  // not older than the realm's notBefore ("Stale token"), not expired (TokenVerifier.IS_ACTIVE), ours.
  const decoded = await decodeOwnToken(presented, realm, request.issuer, request.keys);
  if (!decoded.ok) return error('invalid_token', 'Invalid refresh token');
  const token = decoded.payload;
  if ((token.typ !== 'Refresh' && token.typ !== 'Offline') || typeof token.sid !== 'string' || typeof token.sub !== 'string') {
    return error('invalid_token', 'Invalid refresh token');
  }
  if (issuedBefore(token.iat, tokenNotBefore(realm.realm.rep))) return error('invalid_token', 'Stale token', token.sub, token.sid);
  if (typeof token.exp === 'number' && now > token.exp) return error('invalid_token', 'Token is not active', token.sub, token.sid);
  if (token.azp !== clientId) return error('invalid_token', 'Invalid refresh token. Token client and authorized client don\'t match');
  const offline = token.typ === 'Offline';

  // The session first (Keycloak's TokenManager.refreshAccessToken validates the token and its
  // session before validateTokenReuse), and kept alive at once: a request that lost the reuse race
  // must not end the session under the one that won it before that one has touched it.
  const sessions = new SessionsRepository(store);
  const refreshed = await refreshSession(sessions, {
    realm: { id: realm.realm.id, rep: realm.realm.rep },
    client: { uuid: client.client.rep.id, rep: client.client.rep },
    sessionId: token.sid,
    userId: token.sub,
    offline,
    issuedAt: token.iat ?? 0,
    now,
  });
  if (!refreshed.ok) return error('invalid_token', refreshed.description, token.sub, token.sid);
  const session = refreshed.session;

  if (realm.realm.rep.revokeRefreshToken) {
    const verdict = await checkRefreshTokenReuse(
      store,
      { realmId: realm.realm.id, sessionId: token.sid, clientUuid: client.client.rep.id, offline, jti: String(token.jti), issuedAt: token.iat ?? 0 },
      Number(realm.realm.rep.refreshTokenMaxReuse ?? 0),
      now,
    );
    if (verdict === 'reuse_exceeded') {
      // A refresh token used more often than allowed may be stolen: the session ends (OAuth 2.0 Security BCP §4.14.2).
      await sessions.endOnce(realm.realm.id, token.sid, offline);
      return error('invalid_token', 'Maximum allowed refresh token reuse exceeded', token.sub, token.sid);
    }
    if (verdict === 'stale_token') return error('invalid_token', 'Stale token', token.sub, token.sid);
    if (verdict === 'no_client_session') {
      // Gone since refreshSession extended it: most often a concurrent reuse detection ended the session.
      return error('invalid_token', await missingClientSessionReason(sessions, realm.realm.id, token.sid, offline, now), token.sub, token.sid);
    }
  }

  const user = await new UsersRepository(store).load(realm.realm.id, session.userId);
  if (!user || user.user.rep.enabled === false) {
    await sessions.delete(realm.realm.id, session.id, offline);
    return error('invalid_token', 'User disabled', session.userId, session.id);
  }
  // NotBeforeCheck for the client and the user (TokenManager.validateToken).
  if (issuedBefore(token.iat, tokenNotBefore(realm.realm.rep, client.client.rep, user.user.rep))) {
    return error('invalid_token', 'Stale token', session.userId, session.id);
  }

  const granted = String(token.scope ?? '').split(' ').filter(Boolean);
  const asked = form.get('scope');
  if (asked && asked.split(' ').some((name) => !granted.includes(name))) {
    const description = `Invalid scopes: ${asked}`;
    return error('invalid_token', description, session.userId, session.id, new InvalidScope(description));
  }
  const scopes = appliedScopes(realm, client, asked ?? granted.join(' '));
  const ctx = await tokenContext(request.directory, client, user, scopes, session);
  const response = await issueTokens(ctx, request.keys, { issuer: request.issuer, now, refreshToken: true });
  await recordEvent(store, realm, {
    type: 'REFRESH_TOKEN',
    clientId,
    userId: user.user.rep.id,
    sessionId: session.id,
    ipAddress: request.ipAddress,
    details: {
      grant_type: 'refresh_token',
      refresh_token_type: token.typ,
      client_auth_method: request.clientAuthMethod,
      scope: scopes.scopeString,
      ...tokenIdDetails(response, String(token.jti)),
    },
  });
  return response;
};
