import type { RealmRepresentation } from '../../model/realm.js';
import type { ClientRepresentation } from '../../model/client.js';

/**
 * Token and session lifetimes as Keycloak computes them (seconds; epoch seconds for instants).
 * Client attributes override realm settings where Keycloak allows it; 0 means "not set" there.
 */
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0) || 0);
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
 * Session limits for a client session (Keycloak's SessionExpirationUtils): online sessions use the
 * realm's SSO idle/max (rememberMe variants when set and the user chose "remember me"), lowered by the
 * client's or realm's client-session settings; offline sessions use offlineSessionIdleTimeout and,
 * only when offlineSessionMaxLifespanEnabled, offlineSessionMaxLifespan.
 */
export function sessionLimits(realm: RealmRepresentation, client: ClientRepresentation, offline: boolean, rememberMe = false): SessionLimits {
  if (offline) {
    const idle = lowest(num(realm.offlineSessionIdleTimeout), attribute(client, 'client.offline.session.idle.timeout') || num(realm.clientOfflineSessionIdleTimeout));
    const max = realm.offlineSessionMaxLifespanEnabled
      ? lowest(num(realm.offlineSessionMaxLifespan), attribute(client, 'client.offline.session.max.lifespan') || num(realm.clientOfflineSessionMaxLifespan))
      : 0;
    return { idle, max };
  }
  const ssoIdle = (rememberMe && num(realm.ssoSessionIdleTimeoutRememberMe)) || num(realm.ssoSessionIdleTimeout);
  const ssoMax = (rememberMe && num(realm.ssoSessionMaxLifespanRememberMe)) || num(realm.ssoSessionMaxLifespan);
  return {
    idle: lowest(ssoIdle, attribute(client, 'client.session.idle.timeout') || num(realm.clientSessionIdleTimeout)),
    max: lowest(ssoMax, attribute(client, 'client.session.max.lifespan') || num(realm.clientSessionMaxLifespan)),
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
