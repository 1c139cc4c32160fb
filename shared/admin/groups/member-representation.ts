import type { UserRepresentation } from '../../model/user.js';
import { userKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import type { UserRecord } from '../../store/users.js';
import { briefUser } from '../users/user-representation.js';

/**
 * A user as group member listings and "users in role" return it: ModelToRepresentation.toBriefRepresentation,
 * or toRepresentation as far as the user item gives it (no credential read: `totp` false), without the
 * caller's `access`, in Keycloak's field order.
 */
export function memberRepresentation(user: UserRepresentation, brief: boolean): Record<string, unknown> {
  if (brief) return briefUser(user);
  const { createdTimestamp, enabled, federationLink, ...identity } = briefUser(user);
  return {
    ...identity,
    ...(user.attributes && Object.keys(user.attributes).length > 0 ? { attributes: user.attributes } : {}),
    createdTimestamp,
    enabled,
    totp: false,
    ...(federationLink !== undefined ? { federationLink } : {}),
    ...(typeof user['serviceAccountClientId'] === 'string' ? { serviceAccountClientId: user['serviceAccountClientId'] } : {}),
    disableableCredentialTypes: [],
    requiredActions: [...(user.requiredActions ?? [])],
    notBefore: user.notBefore ?? 0,
  };
}

/** The users with these ids, in the same order, skipping any that no longer exist. */
export async function usersWithIds(store: Store, realmId: string, userIds: readonly string[]): Promise<UserRepresentation[]> {
  const users = await Promise.all(userIds.map((id) => store.get<UserRecord>(userKey(realmId, id))));
  return users.filter((user): user is UserRecord => user !== undefined).map((user) => user.rep);
}
