import type { ClientRepresentation } from '../../model/client.js';
import type { RealmRepresentation } from '../../model/realm.js';
import type { ClientSessionRecord, SessionsRepository, UserSessionRecord } from '../../store/sessions.js';
import { IDLE_GRACE_SECONDS, sessionExpiries, sessionExpiry, userSessionLimits } from '../tokens/lifespans.js';
import { issuedBeforeSessionStart } from '../tokens/not-before.js';

export interface SessionToRefresh {
  readonly realm: { readonly id: string; readonly rep: RealmRepresentation };
  readonly client: { readonly uuid: string; readonly rep: ClientRepresentation };
  readonly sessionId: string;
  readonly userId: string;
  readonly offline: boolean;
  /** The refresh token's iat. */
  readonly issuedAt: number;
  readonly now: number;
}

export type RefreshedSession =
  | { readonly ok: true; readonly session: UserSessionRecord; readonly clientSession: ClientSessionRecord }
  | { readonly ok: false; readonly description: string };

/**
 * The session part of Keycloak's TokenManager.validateToken and refreshAccessToken: the token's user
 * session must exist ("Session not active"; offline: "Offline user session not found") and be valid
 * under the realm's *current* idle and max settings (AuthenticationManager.isSessionValid, with the
 * 120 s idle grace; an invalid one is removed: "Session not active" / "Offline session not active");
 * the token must not predate it; the client's session must be in it ("Session doesn't have required
 * client"). Then both are kept alive: the user session's lastSessionRefresh and the client session's
 * timestamp become now, and each gets its new expiry — idle timeout from now, capped by the max
 * lifespan (offline: offlineSessionIdleTimeout, offlineSessionMaxLifespan when enabled).
 */
export async function refreshSession(sessions: SessionsRepository, refresh: SessionToRefresh): Promise<RefreshedSession> {
  const { realm, client, sessionId, offline, now } = refresh;
  const inactive = offline ? 'Offline session not active' : 'Session not active';
  const existing = await sessions.get(realm.id, sessionId, offline);
  if (!existing || existing.userId !== refresh.userId) return { ok: false, description: offline ? 'Offline user session not found' : inactive };
  const validUntil = sessionExpiry(userSessionLimits(realm.rep, offline, existing.rememberMe), existing.started, existing.lastSessionRefresh) + IDLE_GRACE_SECONDS;
  if (validUntil <= now) {
    // Keycloak logs an expired online session out and revokes an expired offline one.
    await sessions.delete(realm.id, sessionId, offline);
    return { ok: false, description: inactive };
  }
  if (issuedBeforeSessionStart(refresh.issuedAt, existing.started)) {
    return { ok: false, description: 'Refresh toked issued before the user session started' };
  }
  const expiresAt = sessionExpiries(realm.rep, client.rep, existing, now);
  const touched = await sessions.touch(realm.id, sessionId, client.uuid, offline, now, expiresAt);
  if (!touched.session) return { ok: false, description: inactive };
  if (!touched.clientSession) return { ok: false, description: "Session doesn't have required client" };
  return { ok: true, session: touched.session, clientSession: touched.clientSession };
}
