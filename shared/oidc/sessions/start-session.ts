import { randomUUID } from 'node:crypto';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientConfig } from '../../store/clients.js';
import { clientSessionItem, userSessionItem, type SessionsRepository, type UserSessionRecord } from '../../store/sessions.js';
import type { UserData } from '../../store/users.js';
import { IDLE_GRACE_SECONDS, sessionExpiry, sessionLimits } from '../tokens/lifespans.js';

export interface SessionStart {
  readonly realm: RealmConfig;
  readonly client: ClientConfig;
  readonly user: UserData;
  readonly ipAddress: string;
  readonly scope: string;
  readonly offline: boolean;
  readonly now: number;
  readonly rememberMe?: boolean;
  /** Session notes; AUTH_TIME only for interactive logins (the direct grant sets none in Keycloak). */
  readonly notes?: Record<string, string>;
}

/**
 * A new user session with its client session (Keycloak's UserSessionProvider.createUserSession +
 * createClientSession), stored with a TTL at the session's end plus the idle grace window.
 * AUTH_TIME (the instant the auth_time claim reports) is noted by interactive logins only.
 */
export async function startSession(sessions: SessionsRepository, start: SessionStart): Promise<UserSessionRecord> {
  const { realm, client, user, now, offline } = start;
  const id = randomUUID();
  const limits = sessionLimits(realm.realm.rep, client.client.rep, offline, start.rememberMe);
  const expiresAt = sessionExpiry(limits, now, now) + IDLE_GRACE_SECONDS;
  const session = userSessionItem({
    realmId: realm.realm.id,
    id,
    userId: user.user.rep.id,
    loginUsername: user.user.rep.username,
    ipAddress: start.ipAddress,
    authMethod: 'openid-connect',
    rememberMe: start.rememberMe ?? false,
    offline,
    started: now,
    lastSessionRefresh: now,
    expiresAt,
    notes: start.notes ?? {},
  });
  const clientSession = clientSessionItem(realm.realm.id, id, offline, {
    clientUuid: client.client.rep.id,
    timestamp: now,
    expiresAt,
    scope: start.scope,
  });
  await sessions.create(session, clientSession);
  return session;
}
