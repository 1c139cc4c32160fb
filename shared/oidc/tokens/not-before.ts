import type { ClientRepresentation } from '../../model/client.js';
import type { RealmRepresentation } from '../../model/realm.js';
import type { UserRepresentation } from '../../model/user.js';
import { settingNumber as num } from './setting-values.js';

/**
 * The not-before policy of a token: the latest of the realm's, the client's and (for a token with a
 * user) the user's notBefore, each set when an admin "pushes" a revocation. A token issued before it
 * is stale everywhere a token is accepted (refresh, userinfo, introspection), and it is what the
 * token response reports as `not-before-policy` (Keycloak's AccessTokenResponseBuilder.build takes
 * the same maximum). Keycloak's NotBeforeCheck.forModel(client) takes the *earlier* of realm and
 * client when both are set, so a realm-wide revocation would not hold for a client revoked before
 * it; every revocation an admin pushed holds here.
 */
export function tokenNotBefore(
  realm: Pick<RealmRepresentation, 'notBefore'>,
  client?: Pick<ClientRepresentation, 'notBefore'>,
  user?: Pick<UserRepresentation, 'notBefore'>,
): number {
  return Math.max(num(realm.notBefore), num(client?.notBefore), num(user?.notBefore));
}

/** NotBeforeCheck.test: `iat < notBefore` means stale. */
export function issuedBefore(iat: unknown, notBefore: number): boolean {
  return num(iat) < notBefore;
}

/**
 * JsonWebToken.isIssuedBeforeSessionStart: a token from before its session began (the session id
 * was reused, or the token belongs to an earlier session) is stale; one second of tolerance.
 */
export function issuedBeforeSessionStart(iat: unknown, sessionStarted: number): boolean {
  return num(iat) + 1 < sessionStarted;
}
