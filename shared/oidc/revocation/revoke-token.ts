import { recordEvent } from '../../events/record-event.js';
import type { ClientConfig } from '../../store/clients.js';
import { InvalidRequest, UnsupportedTokenType } from '../errors/codes.js';
import type { RealmRequest } from '../realm-request.js';
import { decodeOwnToken } from '../tokens/decode-own-token.js';
import { findTokenSession } from '../tokens/token-session.js';
import { tokenUser } from '../tokens/token-user.js';
import { detachClientSession } from './detach-client-session.js';
import { markAccessTokenRevoked } from './revoked-tokens.js';

/** Keycloak answers an unusable token with this body and status 200 (RFC 7009 §2.2). */
export const INVALID_TOKEN_BODY = { error: 'invalid_token', error_description: 'Invalid token' } as const;

const REVOCABLE = new Set(['Refresh', 'Offline', 'Bearer', 'DPoP']);

/**
 * RFC 7009 §2.1 revocation, as Keycloak 26's TokenRevocationEndpoint does it (token_type_hint is
 * ignored, which §2.1 allows): `token` required (400 invalid_request "Token not provided"); a token
 * this realm did not sign: 200 `invalid_token` (§2.2, nothing to revoke); an ID token: 400
 * unsupported_token_type (§2.2.1); issued to another client: 400 invalid_request "Unmatching clients"
 * (§2.1: the token must have been issued to the client making the request); its session or user
 * gone: 200 `invalid_token`. Then a refresh or offline token ends the client's (offline) session,
 * and an access token is marked revoked until it expires. Returns the 200 error body, or undefined.
 */
export async function revokeToken(request: RealmRequest, client: ClientConfig, presented: string | undefined, now: number): Promise<typeof INVALID_TOKEN_BODY | undefined> {
  const clientId = client.client.rep.clientId;
  const event = async (error?: string, more: { userId?: string; sessionId?: string; details?: Record<string, string> } = {}) =>
    recordEvent(request.store, request.realm, {
      type: error ? 'REVOKE_GRANT_ERROR' : 'REVOKE_GRANT',
      clientId,
      ...(more.userId ? { userId: more.userId } : {}),
      ...(more.sessionId ? { sessionId: more.sessionId } : {}),
      ipAddress: request.ipAddress,
      ...(error ? { error } : {}),
      ...(more.details ? { details: more.details } : {}),
    });
  if (presented === undefined) {
    await event('invalid_request', { details: { reason: 'Token not provided' } });
    throw new InvalidRequest('Token not provided');
  }
  const decoded = await decodeOwnToken(presented, request.realm, request.issuer, request.keys);
  if (!decoded.ok) return event('invalid_token').then(() => INVALID_TOKEN_BODY);
  const token = decoded.payload;
  if (typeof token.typ !== 'string' || !REVOCABLE.has(token.typ)) {
    await event('invalid_token_type', { details: { reason: 'Unsupported token type' } });
    throw new UnsupportedTokenType('Unsupported token type');
  }
  if (typeof token.azp !== 'string') return event('invalid_token', { details: { reason: 'Issued for not set' } }).then(() => INVALID_TOKEN_BODY);
  if (token.azp !== clientId) {
    await event('invalid_request', { details: { reason: 'Unmatching clients' } });
    throw new InvalidRequest('Unmatching clients');
  }
  const found = await findTokenSession(request.store, request.realm.realm.id, token, client.client.rep.id);
  if (!found.ok) return event(found.error).then(() => INVALID_TOKEN_BODY);
  const user = await tokenUser(request.store, request.realm.realm.id, token, found.session);
  if (!user) return event('user_not_found').then(() => INVALID_TOKEN_BODY);

  const userId = user.user.rep.id;
  if (token.typ === 'Refresh' || token.typ === 'Offline') {
    const sessionId = String(token.sid);
    // An offline token ends the offline client session; the online one of the same id goes too
    // (Keycloak: "to make sure that issued access-tokens are revoked as well").
    if (token.typ === 'Offline') await detachClientSession(request.store, request.realm.realm.id, sessionId, client.client.rep.id, true);
    await detachClientSession(request.store, request.realm.realm.id, sessionId, client.client.rep.id, false);
    await event(undefined, { userId, sessionId, details: { revoked_client: clientId, refresh_token_id: String(token.jti), refresh_token_type: token.typ } });
    return undefined;
  }
  await markAccessTokenRevoked(request.store, request.realm.realm.id, String(token.jti), token.exp, now);
  await event(undefined, { userId, details: { token_id: String(token.jti) } });
  return undefined;
}
