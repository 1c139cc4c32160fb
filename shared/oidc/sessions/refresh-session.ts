import type { ClientRepresentation } from '../../model/client.js';
import type { RealmRepresentation } from '../../model/realm.js';
import { isExpired } from '../../store/expiry.js';
import type { ClientSessionRecord, SessionRefreshCondition, SessionsRepository, UserSessionRecord } from '../../store/sessions.js';
import { IDLE_GRACE_SECONDS, sessionExpiries, sessionExpiry, userSessionLimits, type SessionLimits } from '../tokens/lifespans.js';
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
 * DynamoDB: two conditional writes, no read (a third write corrects the session's expiry near the end
 * of its max lifespan or for a "remember me" session with its own idle timeout).
 */
export async function refreshSession(sessions: SessionsRepository, refresh: SessionToRefresh): Promise<RefreshedSession> {
  const { realm, client, sessionId, offline, now } = refresh;
  const inactive = offline ? 'Offline session not active' : 'Session not active';
  // One conditional write instead of a read and a write: the checks below are the write's condition,
  // and only a refused write looks at the item (returned as it was) to say why.
  const plain = userSessionLimits(realm.rep, offline, false);
  const unlimitedExpiry = now + plain.idle + IDLE_GRACE_SECONDS;
  const attempt = await sessions.refresh(realm.id, sessionId, offline, now, unlimitedExpiry, {
    userId: refresh.userId,
    latestStart: latestSessionStart(refresh.issuedAt),
    variants: validityVariants(realm.rep, offline, now),
  });
  if (!attempt.refreshed) {
    const existing = attempt.found && !isExpired(attempt.found, now) ? attempt.found : undefined;
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
    return { ok: false, description: inactive };
  }
  let session = attempt.refreshed;
  const expiresAt = sessionExpiries(realm.rep, client.rep, session, now);
  if (expiresAt.session !== session.expiresAt) {
    // Near the end of its max lifespan, or a "remember me" session with its own idle timeout.
    await sessions.setExpiry(realm.id, sessionId, offline, now, expiresAt.session);
    session = { ...session, expiresAt: expiresAt.session };
  }
  const clientSession = await sessions.extendClientSession(realm.id, sessionId, client.uuid, offline, now, expiresAt.client);
  if (!clientSession) return { ok: false, description: await missingClientSessionReason(sessions, realm.id, sessionId, offline, now) };
  return { ok: true, session, clientSession };
}

/**
 * Why a client session the refresh needs is gone. The user session may have ended after this refresh
 * kept it alive (a concurrent logout, or reuse detection ending it): then it is not active, as a
 * request arriving a moment later would be told; otherwise only the client's part is missing. One
 * read, only on this path.
 */
export async function missingClientSessionReason(sessions: SessionsRepository, realmId: string, sessionId: string, offline: boolean, now: number): Promise<string> {
  const still = await sessions.get(realmId, sessionId, offline);
  if (still && !isExpired(still, now)) return "Session doesn't have required client";
  return offline ? 'Offline session not active' : 'Session not active';
}

/** The latest session start a refresh token issued at `iat` may belong to (issuedBeforeSessionStart's bound). */
function latestSessionStart(iat: number): number {
  return (Number.isFinite(iat) ? iat : 0) + 1;
}

/**
 * AuthenticationManager.isSessionValid under the realm's current limits, as bounds on the stored
 * lastSessionRefresh and started (120 s idle grace included): one variant, or one per rememberMe
 * choice when the realm gives "remember me" sessions other limits.
 */
function validityVariants(realm: RealmRepresentation, offline: boolean, now: number): SessionRefreshCondition['variants'] {
  const bounds = (limits: SessionLimits) => ({
    refreshedAfter: now - limits.idle - IDLE_GRACE_SECONDS,
    ...(limits.max > 0 ? { startedAfter: now - limits.max - IDLE_GRACE_SECONDS } : {}),
  });
  const plain = userSessionLimits(realm, offline, false);
  const remembered = userSessionLimits(realm, offline, true);
  if (plain.idle === remembered.idle && plain.max === remembered.max) return [bounds(plain)];
  return [
    { rememberMe: false, ...bounds(plain) },
    { rememberMe: true, ...bounds(remembered) },
  ];
}
