import type { ClientRepresentation } from '../../model/client.js';
import type { RealmRepresentation } from '../../model/realm.js';
import type { UserRepresentation } from '../../model/user.js';

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0) || 0);

/**
 * Keycloak's TokenManager.NotBeforeCheck.forModel(client), used by the userinfo and introspection
 * endpoints: the client's notBefore when only it is set, the realm's when only it is, and — as
 * Keycloak computes it — the earlier of the two when both are. A token issued before it is stale.
 */
export function clientNotBefore(realm: RealmRepresentation, client: ClientRepresentation): number {
  const ofClient = num(client.notBefore);
  const ofRealm = num(realm.notBefore);
  if (ofClient === 0) return ofRealm;
  return ofRealm === 0 ? ofClient : Math.min(ofClient, ofRealm);
}

/**
 * NotBeforeCheck.forModel(session, realm, user) (TokenManager.isUserValid): the user's notBefore,
 * set when an admin revokes the user's tokens ("Stale token").
 */
export function userNotBefore(user: UserRepresentation): number {
  return num(user.notBefore);
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
