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
