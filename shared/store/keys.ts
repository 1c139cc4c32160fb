/**
 * Key builders for the single table (DESIGN.md §5). Every access pattern and its key is listed in
 * ACCESS-PATTERNS.md beside this file; a key is built here and nowhere else.
 *
 * Partition layout: a realm's configuration lives in the realm's partition (`REALM#<realmId>`);
 * users, sessions and clients each get a partition of their own so load spreads. Uniqueness rules are
 * sentinel partitions written in the same transaction as the entity. Every partition that belongs to a
 * realm carries `gsi2pk = REALMPARTS#<realmId>` on its root item, so deleting a realm finds them all.
 */

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Sort key of a partition's root item (the entity itself). */
const ROOT = '#';
/** Sort key of a uniqueness sentinel. */
const UNIQUE = '#UNIQUE';

export const realmKey = (realmId: string): ItemKey => ({ pk: `REALM#${realmId}`, sk: ROOT });

/** Realm names are unique and case-sensitive, as in Keycloak. */
export const realmNameKey = (realmName: string): ItemKey => ({ pk: `REALMNAME#${realmName}`, sk: UNIQUE });

/** gsi1: all realms, ordered by name. */
export const realmListing = (realmName: string) => ({ gsi1pk: 'REALMS', gsi1sk: realmName });
export const realmListingPartition = 'REALMS';

export const componentKey = (realmId: string, componentId: string): ItemKey => ({
  pk: `REALM#${realmId}`,
  sk: `COMPONENT#${componentId}`,
});
export const componentPrefix = 'COMPONENT#';

export const userKey = (realmId: string, userId: string): ItemKey => ({ pk: `USER#${realmId}#${userId}`, sk: ROOT });

export const credentialKey = (realmId: string, userId: string, credentialId: string): ItemKey => ({
  pk: `USER#${realmId}#${userId}`,
  sk: `CREDENTIAL#${credentialId}`,
});
export const credentialPrefix = 'CREDENTIAL#';

/** Usernames are matched case-insensitively: the sentinel key holds the lower-cased name. */
export const usernameKey = (realmId: string, username: string): ItemKey => ({
  pk: `USERNAME#${realmId}#${username.toLowerCase()}`,
  sk: UNIQUE,
});

export const emailKey = (realmId: string, email: string): ItemKey => ({
  pk: `EMAIL#${realmId}#${email.toLowerCase()}`,
  sk: UNIQUE,
});

/** gsi1: a realm's users ordered by (lower-cased) username. */
export const userListing = (realmId: string, username: string) => ({
  gsi1pk: `USERS#${realmId}`,
  gsi1sk: username.toLowerCase(),
});

/** gsi2 (KEYS_ONLY): marks a partition as belonging to a realm; put it on the partition's root item. */
export const realmPart = (realmId: string, pk: string) => ({ gsi2pk: `REALMPARTS#${realmId}`, gsi2sk: pk });
export const realmPartsPartition = (realmId: string): string => `REALMPARTS#${realmId}`;

/** Stable key for the readiness probe (never written). */
export const healthProbeKey: ItemKey = { pk: 'HEALTH', sk: ROOT };

// ---- Realm configuration in the realm partition (loaded with the realm by one Query) ----

export const clientScopeKey = (realmId: string, scopeId: string): ItemKey => ({ pk: `REALM#${realmId}`, sk: `SCOPE#${scopeId}` });
/** A realm default (`default: true`) or optional client scope assignment. */
export const realmDefaultScopeKey = (realmId: string, scopeId: string): ItemKey => ({
  pk: `REALM#${realmId}`,
  sk: `DEFAULTSCOPE#${scopeId}`,
});
export const realmRoleKey = (realmId: string, roleId: string): ItemKey => ({ pk: `REALM#${realmId}`, sk: `ROLE#${roleId}` });
/** A role a client scope maps into tokens (its "scope mappings"). */
export const scopeRoleMappingKey = (realmId: string, scopeId: string, roleId: string): ItemKey => ({
  pk: `REALM#${realmId}`,
  sk: `SCOPEMAP#${scopeId}#${roleId}`,
});

// ---- Clients: a partition each, found by clientId through a sentinel ----

export const clientPartition = (realmId: string, clientUuid: string): string => `CLIENT#${realmId}#${clientUuid}`;
export const clientKey = (realmId: string, clientUuid: string): ItemKey => ({ pk: clientPartition(realmId, clientUuid), sk: ROOT });
/** clientId is unique per realm and matched exactly (case-sensitive), as in Keycloak. */
export const clientIdKey = (realmId: string, clientId: string): ItemKey => ({ pk: `CLIENTID#${realmId}#${clientId}`, sk: UNIQUE });
/** gsi1: a realm's clients ordered by clientId. */
export const clientListing = (realmId: string, clientId: string) => ({ gsi1pk: `CLIENTS#${realmId}`, gsi1sk: clientId });
export const clientRoleKey = (realmId: string, clientUuid: string, roleId: string): ItemKey => ({
  pk: clientPartition(realmId, clientUuid),
  sk: `ROLE#${roleId}`,
});
/** A client's default (`default: true`) or optional client scope. */
export const clientScopeAssignmentKey = (realmId: string, clientUuid: string, scopeId: string): ItemKey => ({
  pk: clientPartition(realmId, clientUuid),
  sk: `CLIENTSCOPE#${scopeId}`,
});
/** A role the client may put in tokens when fullScopeAllowed is off (its "scope mappings"). */
export const clientRoleScopeKey = (realmId: string, clientUuid: string, roleId: string): ItemKey => ({
  pk: clientPartition(realmId, clientUuid),
  sk: `SCOPEMAP#${roleId}`,
});

// ---- Groups: a partition each; listed by parent through gsi1 ----

export const groupKey = (realmId: string, groupId: string): ItemKey => ({ pk: `GROUP#${realmId}#${groupId}`, sk: ROOT });
/** gsi1: a realm's groups under one parent (`ROOT` for top-level groups), ordered by name. */
export const groupListing = (realmId: string, parentId: string | undefined, name: string) => ({
  gsi1pk: `GROUPS#${realmId}#${parentId ?? 'ROOT'}`,
  gsi1sk: name,
});
/** Sibling group names are unique: the sentinel is per parent. */
export const groupNameKey = (realmId: string, parentId: string | undefined, name: string): ItemKey => ({
  pk: `GROUPNAME#${realmId}#${parentId ?? 'ROOT'}#${name}`,
  sk: UNIQUE,
});

// ---- User-owned items in the user partition (one Query loads a user for a token) ----

/** A role mapped to the user directly. */
export const userRoleMappingKey = (realmId: string, userId: string, roleId: string): ItemKey => ({
  pk: `USER#${realmId}#${userId}`,
  sk: `ROLEMAP#${roleId}`,
});
/** Membership of the user in a group; gsi1 lists a group's members by username. */
export const groupMembershipKey = (realmId: string, userId: string, groupId: string): ItemKey => ({
  pk: `USER#${realmId}#${userId}`,
  sk: `MEMBER#${groupId}`,
});
export const groupMemberListing = (realmId: string, groupId: string, username: string) => ({
  gsi1pk: `GROUPMEMBERS#${realmId}#${groupId}`,
  gsi1sk: username.toLowerCase(),
});
/** Brute-force detection record (Keycloak's UserLoginFailureModel) of one user. */
export const loginFailureKey = (realmId: string, userId: string): ItemKey => ({ pk: `USER#${realmId}#${userId}`, sk: 'LOGINFAILURE' });

// ---- Sessions: a partition per user session (online or offline) ----

export const userSessionKey = (realmId: string, sessionId: string, offline = false): ItemKey => ({
  pk: `${offline ? 'OFFLINE' : 'SESSION'}#${realmId}#${sessionId}`,
  sk: ROOT,
});
export const clientSessionKey = (realmId: string, sessionId: string, clientUuid: string, offline = false): ItemKey => ({
  pk: `${offline ? 'OFFLINE' : 'SESSION'}#${realmId}#${sessionId}`,
  sk: `CLIENT#${clientUuid}`,
});
/** gsi1: a user's sessions, newest last. */
export const userSessionListing = (realmId: string, userId: string, offline: boolean, started: number) => ({
  gsi1pk: `${offline ? 'OFFLINESESSIONS' : 'SESSIONS'}#${realmId}#${userId}`,
  gsi1sk: String(started).padStart(13, '0'),
});

// ---- Events (Keycloak's EventRepresentation / AdminEventRepresentation), written with their cause ----

/** One partition per realm and hour keeps writes spread and admin listings a few Queries. */
export const eventKey = (realmId: string, time: number, eventId: string, admin = false): ItemKey => ({
  pk: `${admin ? 'ADMINEVENTS' : 'EVENTS'}#${realmId}#${new Date(time).toISOString().slice(0, 13)}`,
  sk: `${String(time).padStart(13, '0')}#${eventId}`,
});

/** Role names are unique per container (the realm, or one client). */
export const roleNameKey = (realmId: string, containerId: string, name: string): ItemKey => ({
  pk: `ROLENAME#${realmId}#${containerId}#${name}`,
  sk: UNIQUE,
});
/** Client scope names are unique per realm. */
export const clientScopeNameKey = (realmId: string, name: string): ItemKey => ({ pk: `SCOPENAME#${realmId}#${name}`, sk: UNIQUE });

/** A client assertion's jti, kept until the assertion expires so it cannot be replayed (RFC 7523 §3). */
export const assertionJtiKey = (realmId: string, clientId: string, jti: string): ItemKey => ({
  pk: `ASSERTION#${realmId}#${clientId}#${jti}`,
  sk: UNIQUE,
});

/**
 * A revoked access token's jti (Keycloak's TokenRevocationEndpoint puts it in the single-use store),
 * kept until the token would have expired. Our jti values are UUIDs, so they fit a key as they are.
 */
export const revokedTokenKey = (realmId: string, jti: string): ItemKey => ({ pk: `REVOKED#${realmId}#${jti}`, sk: UNIQUE });
