import { SessionsRepository, type UserSessionRecord } from '../../store/sessions.js';
import type { Store } from '../../store/store.js';
import { issuedBeforeSessionStart } from './not-before.js';
import type { TokenPayload } from './verify-own-token.js';

/**
 * Where a token's session may live (Keycloak 26's AccessTokenContext.SessionType): refresh tokens
 * name it by their type (Refresh → online, Offline → offline); access and ID tokens carry no such
 * hint here, which is Keycloak's UNKNOWN: online first, then offline, and a token without `sid`
 * (client credentials) stands for a transient session of its own.
 */
export type SessionLookup = 'online' | 'offline' | 'any';

export function sessionLookupFor(token: TokenPayload): SessionLookup {
  if (token.typ === 'Refresh') return 'online';
  if (token.typ === 'Offline') return 'offline';
  return 'any';
}

export type TokenSession =
  | { readonly ok: true; readonly session: UserSessionRecord }
  /** No `sid`, and the token type allows it: Keycloak makes a transient session for the call. */
  | { readonly ok: true; readonly session?: undefined; readonly transient: true }
  | { readonly ok: false; readonly error: 'user_session_not_found' | 'invalid_token'; readonly session?: UserSessionRecord };

/**
 * Keycloak's UserSessionUtil.findValidSession: the user session named by the token's `sid` that has a
 * client session of the token's client (getUserSessionIfClientExists), alive (expired items read as
 * absent), and not started after the token was issued ("invalid_token", a stale token). Nothing found:
 * "user_session_not_found" — the error code Keycloak 26 also gives as the description.
 */
export async function findTokenSession(store: Store, realmId: string, token: TokenPayload, clientUuid: string, lookup = sessionLookupFor(token)): Promise<TokenSession> {
  if (typeof token.sid !== 'string' || token.sid === '') {
    return lookup === 'any' ? { ok: true, transient: true } : { ok: false, error: 'user_session_not_found' };
  }
  const sessions = new SessionsRepository(store);
  for (const offline of lookup === 'any' ? [false, true] : [lookup === 'offline']) {
    const [session, clientSession] = await Promise.all([
      sessions.get(realmId, token.sid, offline),
      sessions.getClientSession(realmId, token.sid, clientUuid, offline),
    ]);
    if (!session || !clientSession) continue;
    if (issuedBeforeSessionStart(token.iat, session.started)) return { ok: false, error: 'invalid_token', session };
    return { ok: true, session };
  }
  return { ok: false, error: 'user_session_not_found' };
}
