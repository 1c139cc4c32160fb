import { recordEvent } from '../../events/record-event.js';
import type { ClientConfig } from '../../store/clients.js';
import { SessionsRepository } from '../../store/sessions.js';
import { InvalidGrant, InvalidRequest } from '../errors/codes.js';
import type { RealmRequest } from '../realm-request.js';
import { decodeOwnToken } from '../tokens/decode-own-token.js';
import { issuedBeforeSessionStart } from '../tokens/not-before.js';

/**
 * Keycloak 26's LogoutEndpoint.logoutToken: a client ends the user session its refresh token belongs
 * to, without a browser. The token is checked as TokenManager.verifyRefreshToken does with
 * checkExpiration=false — this realm's signature and issuer, typ Refresh or Offline, issued to this
 * client (all 400 invalid_grant) — and must not predate its session ("Toked issued before the user
 * session started", Keycloak's spelling). Then AuthenticationManager.backchannelLogout: a Refresh
 * token removes the online session with its client sessions (offline sessions live apart and
 * survive); an Offline token removes the offline session and an online one of the same id. A session
 * already gone is no error. LOGOUT event when a session ended, LOGOUT_ERROR when refused.
 */
export async function logoutWithRefreshToken(request: RealmRequest, client: ClientConfig, presented: string | undefined): Promise<void> {
  const clientId = client.client.rep.clientId;
  const refuse = async (error: InvalidGrant | InvalidRequest, reason?: string): Promise<never> => {
    await recordEvent(request.store, request.realm, {
      type: 'LOGOUT_ERROR',
      clientId,
      ipAddress: request.ipAddress,
      error: 'invalid_token',
      ...(reason ? { details: { reason } } : {}),
    });
    throw error;
  };
  if (presented === undefined) return refuse(new InvalidRequest('No refresh token'));
  const decoded = await decodeOwnToken(presented, request.realm, request.issuer, request.keys);
  if (!decoded.ok) {
    const description = decoded.reason === 'wrong issuer' ? `Invalid token issuer. Expected '${request.issuer}'` : 'Invalid refresh token';
    return refuse(new InvalidGrant(description), description);
  }
  const token = decoded.payload;
  if (token.typ !== 'Refresh' && token.typ !== 'Offline') return refuse(new InvalidGrant('Invalid refresh token'), 'Invalid refresh token');
  if (token.azp !== clientId) {
    const description = "Invalid refresh token. Token client and authorized client don't match";
    return refuse(new InvalidGrant(description), description);
  }
  if (typeof token.sid !== 'string' || token.sid === '') return;

  const offline = token.typ === 'Offline';
  const sessions = new SessionsRepository(request.store);
  const session = await sessions.get(request.realm.realm.id, token.sid, offline);
  if (!session) return;
  if (issuedBeforeSessionStart(token.iat, session.started)) {
    const description = 'Toked issued before the user session started';
    return refuse(new InvalidGrant(description), description);
  }
  await sessions.delete(request.realm.realm.id, session.id, offline);
  if (offline) await sessions.delete(request.realm.realm.id, session.id, false);
  await recordEvent(request.store, request.realm, { type: 'LOGOUT', clientId, userId: session.userId, sessionId: session.id, ipAddress: request.ipAddress });
}
