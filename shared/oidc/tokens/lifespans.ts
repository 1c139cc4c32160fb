import type { RealmRepresentation } from '../../model/realm.js';
import type { ClientRepresentation } from '../../model/client.js';
import { settingNumber as num, settingTrue } from './setting-values.js';

/**
 * Token and session lifetimes as Keycloak computes them (seconds; epoch seconds for instants).
 * Client attributes override realm settings where Keycloak allows it; 0 means "not set" there.
 */
const attribute = (client: ClientRepresentation, name: string): number => num(client.attributes?.[name]);

/** Access token lifespan: the client's "access.token.lifespan" or the realm's accessTokenLifespan. */
export function accessTokenLifespan(realm: RealmRepresentation, client: ClientRepresentation): number {
  return attribute(client, 'access.token.lifespan') || num(realm.accessTokenLifespan) || 300;
}

export interface SessionLimits {
  /** Idle timeout: the session ends this long after its last refresh. */
  readonly idle: number;
  /** Max lifespan: the session ends this long after it started (0: no limit, offline only). */
  readonly max: number;
}

/**
 * Limits of the user session itself (SessionExpirationUtils.calculateUserSessionIdleTimestamp /
 * MaxLifespanTimestamp): the realm's SSO idle and max (rememberMe variants when set and the user chose
 * "remember me"); offline sessions use offlineSessionIdleTimeout and, only when
 * offlineSessionMaxLifespanEnabled, offlineSessionMaxLifespan. Client settings do not shorten it.
 */
export function userSessionLimits(realm: RealmRepresentation, offline: boolean, rememberMe = false): SessionLimits {
  if (offline) {
    return { idle: num(realm.offlineSessionIdleTimeout), max: settingTrue(realm.offlineSessionMaxLifespanEnabled) ? num(realm.offlineSessionMaxLifespan) : 0 };
  }
  return {
    idle: (rememberMe && num(realm.ssoSessionIdleTimeoutRememberMe)) || num(realm.ssoSessionIdleTimeout),
    max: (rememberMe && num(realm.ssoSessionMaxLifespanRememberMe)) || num(realm.ssoSessionMaxLifespan),
  };
}

/**
 * Limits of a client session (SessionExpirationUtils.calculateClientSessionIdleTimestamp /
 * MaxLifespanTimestamp): the user session's, lowered by the client's attribute or else the realm's
 * client-session setting (clientSessionIdleTimeout, clientOfflineSessionIdleTimeout, ...). Refresh
 * tokens expire with their client session.
 */
export function sessionLimits(realm: RealmRepresentation, client: ClientRepresentation, offline: boolean, rememberMe = false): SessionLimits {
  const user = userSessionLimits(realm, offline, rememberMe);
  if (offline) {
    const max = settingTrue(realm.offlineSessionMaxLifespanEnabled)
      ? lowest(user.max, attribute(client, 'client.offline.session.max.lifespan') || num(realm.clientOfflineSessionMaxLifespan))
      : 0;
    return { idle: lowest(user.idle, attribute(client, 'client.offline.session.idle.timeout') || num(realm.clientOfflineSessionIdleTimeout)), max };
  }
  return {
    idle: lowest(user.idle, attribute(client, 'client.session.idle.timeout') || num(realm.clientSessionIdleTimeout)),
    max: lowest(user.max, attribute(client, 'client.session.max.lifespan') || num(realm.clientSessionMaxLifespan)),
  };
}

/** A client-level value only ever shortens the realm's (0 = unset). */
function lowest(realmValue: number, clientValue: number): number {
  return clientValue > 0 && (realmValue === 0 || clientValue < realmValue) ? clientValue : realmValue;
}

/**
 * When the session (and so its refresh token) ends, given when it started and was last refreshed:
 * the earlier of idle and max expiry. Keycloak allows a 120 s grace on idle checks
 * (SessionTimeoutHelper.IDLE_TIMEOUT_WINDOW_SECONDS); the stored TTL includes it, tokens do not.
 */
export function sessionExpiry(limits: SessionLimits, started: number, lastRefresh: number): number {
  const idleEnd = lastRefresh + limits.idle;
  return limits.max > 0 ? Math.min(idleEnd, started + limits.max) : idleEnd;
}

export const IDLE_GRACE_SECONDS = 120;

/** The stored `expiresAt` (epoch seconds, grace included) of a user session and of its client session. */
export interface SessionExpiries {
  readonly session: number;
  readonly client: number;
}

/**
 * Both expiries after a login or refresh at `lastRefresh` (Keycloak's refresh sets the user session's
 * lastSessionRefresh and the client session's timestamp to now, so both idle windows restart).
 */
export function sessionExpiries(
  realm: RealmRepresentation,
  client: ClientRepresentation,
  session: { readonly offline: boolean; readonly rememberMe?: boolean; readonly started: number },
  lastRefresh: number,
): SessionExpiries {
  const { offline, rememberMe, started } = session;
  return {
    session: sessionExpiry(userSessionLimits(realm, offline, rememberMe), started, lastRefresh) + IDLE_GRACE_SECONDS,
    client: sessionExpiry(sessionLimits(realm, client, offline, rememberMe), started, lastRefresh) + IDLE_GRACE_SECONDS,
  };
}
