import { randomUUID } from 'node:crypto';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientConfig } from '../../store/clients.js';
import { clientSessionItem, userSessionItem, type SessionsRepository, type UserSessionRecord } from '../../store/sessions.js';
import type { UserData } from '../../store/users.js';
import { sessionExpiries } from '../tokens/lifespans.js';

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
 * createClientSession), each stored with a TTL at its end plus the idle grace window (the client
 * session's may be earlier: client settings shorten it).
 * AUTH_TIME (the instant the auth_time claim reports) is noted by interactive logins only.
 */
export async function startSession(sessions: SessionsRepository, start: SessionStart): Promise<UserSessionRecord> {
  const { realm, client, user, now, offline } = start;
  const id = randomUUID();
  const rememberMe = start.rememberMe ?? false;
  const expiresAt = sessionExpiries(realm.realm.rep, client.client.rep, { offline, rememberMe, started: now }, now);
  const session = userSessionItem({
    realmId: realm.realm.id,
    id,
    userId: user.user.rep.id,
    loginUsername: user.user.rep.username,
    ipAddress: start.ipAddress,
    authMethod: 'openid-connect',
    rememberMe,
    offline,
    started: now,
    lastSessionRefresh: now,
    expiresAt: expiresAt.session,
    notes: start.notes ?? {},
  });
  const clientSession = clientSessionItem(realm.realm.id, id, offline, {
    clientUuid: client.client.rep.id,
    timestamp: now,
    expiresAt: expiresAt.client,
    scope: start.scope,
  });
  await sessions.create(session, clientSession);
  return session;
}
