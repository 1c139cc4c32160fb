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

// ---- Clients and client scopes through the Admin API (issue 4) ----

/** The gsi1 partition of a realm's clients (clientListing), for paged listings. */
export const clientListingPartition = (realmId: string): string => clientListing(realmId, '').gsi1pk;
/**
 * gsi1 on a client's scope assignment item: the clients a client scope is assigned to, so deleting
 * the scope removes it from them without a Scan (Keycloak's deleteClientScopeClientMappingByClientScope).
 */
export const clientScopeUsage = (realmId: string, scopeId: string, clientUuid: string) => ({
  gsi1pk: `SCOPECLIENTS#${realmId}#${scopeId}`,
  gsi1sk: clientUuid,
});
export const clientScopeUsagePartition = (realmId: string, scopeId: string): string => clientScopeUsage(realmId, scopeId, '').gsi1pk;
/** Sort-key prefix of one client scope's role scope mappings in the realm partition (scopeRoleMappingKey). */
export const scopeRoleMappingPrefix = (scopeId: string): string => `SCOPEMAP#${scopeId}#`;
/**
 * gsi2 (KEYS_ONLY) on a client session item: a client's online or offline sessions (ClientResource
 * user-sessions, offline-sessions and their counts). KEYS_ONLY, so refreshes that update the client
 * session cost no index write; its own partition value keeps it apart from the realm-parts entries.
 */
export const clientSessionListing = (realmId: string, clientUuid: string, offline: boolean, started: number, sessionId: string) => ({
  gsi2pk: `${offline ? 'OFFLINECLIENTSESSIONS' : 'CLIENTSESSIONS'}#${realmId}#${clientUuid}`,
  gsi2sk: `${String(started).padStart(13, '0')}#${sessionId}`,
});
export const clientSessionListingPartition = (realmId: string, clientUuid: string, offline: boolean): string =>
  clientSessionListing(realmId, clientUuid, offline, 0, '').gsi2pk;
/**
 * gsi2 (KEYS_ONLY) on a user's role mapping item: the users holding a role directly, so deleting a
 * client (and its roles) removes the mappings without a Scan (Keycloak's UserProvider.preRemove(role)).
 */
export const roleHolderListing = (realmId: string, roleId: string, userId: string) => ({
  gsi2pk: `ROLEHOLDERS#${realmId}#${roleId}`,
  gsi2sk: userId,
});
export const roleHolderListingPartition = (realmId: string, roleId: string): string => roleHolderListing(realmId, roleId, '').gsi2pk;

// ---- Event pipeline (issue 5) ----

/** Event listener settings (Gatehouse's `/event-listeners`) in the realm partition: loaded with the realm. */
export const eventListenerPrefix = 'EVENTLISTENER#';
export const eventListenerKey = (realmId: string, listenerId: string): ItemKey => ({
  pk: `REALM#${realmId}`,
  sk: `${eventListenerPrefix}${listenerId}`,
});

// ---- Roles, groups and role mappings through the Admin API (issue 4) ----

/**
 * Where a client role lives, found by its id alone (Keycloak's RealmModel.getRoleById: roles-by-id,
 * composites). `clientUuid` on the item; realm roles need none, they come with the realm configuration.
 */
export const roleIdKey = (realmId: string, roleId: string): ItemKey => ({ pk: `ROLEID#${realmId}#${roleId}`, sk: UNIQUE });
/** A client role's composite child, as an item of the client's partition (the parent role's home). */
export const compositeEdgeKey = (realmId: string, clientUuid: string, parentId: string, childId: string): ItemKey => ({
  pk: clientPartition(realmId, clientUuid),
  sk: `COMPOSITE#${parentId}#${childId}`,
});
/**
 * gsi2 (KEYS_ONLY) on a composite edge: the client roles containing a role, so deleting the role takes
 * it out of them without a Scan (realm roles containing it are in the realm configuration).
 */
export const compositeParentListing = (realmId: string, childId: string, clientUuid: string, parentId: string) => ({
  gsi2pk: `ROLEPARENTS#${realmId}#${childId}`,
  gsi2sk: `${clientUuid}#${parentId}`,
});
export const compositeParentListingPartition = (realmId: string, childId: string): string => compositeParentListing(realmId, childId, '', '').gsi2pk;

/** A role mapped to a group, as an item of the group's partition. */
export const groupRoleMappingKey = (realmId: string, groupId: string, roleId: string): ItemKey => ({
  pk: groupKey(realmId, groupId).pk,
  sk: `ROLEMAP#${roleId}`,
});
/** gsi2 (KEYS_ONLY) on a group role mapping: the groups holding a role (RoleContainerResource groups, role deletion). */
export const roleGroupListing = (realmId: string, roleId: string, groupId: string) => ({ gsi2pk: `ROLEGROUPS#${realmId}#${roleId}`, gsi2sk: groupId });
export const roleGroupListingPartition = (realmId: string, roleId: string): string => roleGroupListing(realmId, roleId, '').gsi2pk;
/** gsi2 (KEYS_ONLY) on a client's role scope mapping (clientRoleScopeKey): the clients whose scope names a role. */
export const roleScopeClientListing = (realmId: string, roleId: string, clientUuid: string) => ({
  gsi2pk: `ROLESCOPES#${realmId}#${roleId}`,
  gsi2sk: clientUuid,
});
export const roleScopeClientListingPartition = (realmId: string, roleId: string): string => roleScopeClientListing(realmId, roleId, '').gsi2pk;

/**
 * A realm's group tree, one small item per group (name, parent, attributes) in one partition: searches
 * by name or attribute at any depth, counts, paths and subtrees are one strongly consistent Query.
 */
export const groupIndexKey = (realmId: string, groupId: string): ItemKey => ({ pk: `GROUPINDEX#${realmId}`, sk: groupId });
export const groupIndexPartition = (realmId: string): string => groupIndexKey(realmId, '').pk;
/** The gsi1 partition of one parent's subgroups (groupListing). */
export const groupListingPartition = (realmId: string, parentId: string | undefined): string => groupListing(realmId, parentId, '').gsi1pk;
/** The gsi1 partition of one group's members (groupMemberListing). */
export const groupMemberListingPartition = (realmId: string, groupId: string): string => groupMemberListing(realmId, groupId, '').gsi1pk;
/** A realm default group (RealmModel.addDefaultGroup) in the realm partition. */
export const defaultGroupPrefix = 'DEFAULTGROUP#';
export const defaultGroupKey = (realmId: string, groupId: string): ItemKey => ({ pk: `REALM#${realmId}`, sk: `${defaultGroupPrefix}${groupId}` });
/** The user id in a user partition key (`USER#<rid>#<userId>`), for listings that yield user item keys. */
export const userIdOfPartition = (realmId: string, pk: string): string | undefined => {
  const prefix = userKey(realmId, '').pk;
  return pk.startsWith(prefix) ? pk.slice(prefix.length) : undefined;
};

// ---- Users through the Admin API (issue 4) ----

/** The gsi1 partition of a realm's users (userListing), for listings, searches and counts. */
export const userListingPartition = (realmId: string): string => userListing(realmId, '').gsi1pk;
/** The gsi1 partition of a user's online or offline sessions (userSessionListing). */
export const userSessionListingPartition = (realmId: string, userId: string, offline: boolean): string =>
  userSessionListing(realmId, userId, offline, 0).gsi1pk;
/** A user's link to an identity provider account (Keycloak's FederatedIdentityModel), in the user partition. */
export const federatedIdentityPrefix = 'FEDIDENTITY#';
export const federatedIdentityKey = (realmId: string, userId: string, alias: string): ItemKey => ({
  pk: userKey(realmId, userId).pk,
  sk: `${federatedIdentityPrefix}${alias}`,
});
/** gsi1 on a link: the users linked to a provider, by their user id there (UsersResource idpAlias / idpUserId). */
export const federatedIdentityListing = (realmId: string, alias: string, idpUserId: string) => ({
  gsi1pk: `FEDIDENTITIES#${realmId}#${alias}`,
  gsi1sk: idpUserId,
});
export const federatedIdentityListingPartition = (realmId: string, alias: string): string => federatedIdentityListing(realmId, alias, '').gsi1pk;

// ---- Attack detection through the Admin API (issue 4) ----

/**
 * gsi1 on a brute-force record (loginFailureKey): a realm's login-failure records, so clearing them
 * all (AttackDetectionResource clearAllBruteForce) needs no Scan.
 */
export const loginFailureListing = (realmId: string, userId: string) => ({ gsi1pk: `LOGINFAILURES#${realmId}`, gsi1sk: userId });
export const loginFailureListingPartition = (realmId: string): string => loginFailureListing(realmId, '').gsi1pk;

// ---- Realm import and export (issue 4) ----

/** Whether a key is a partition's root item or a uniqueness sentinel: what a new entity must claim, never overwrite. */
export const isClaimKey = (key: ItemKey): boolean => key.sk === ROOT || key.sk === UNIQUE;
