import type { StoredCredential, UserRepresentation } from '../model/user.js';
import { ConcurrentModificationError, ConflictError } from './errors.js';
import {
  credentialKey,
  emailKey,
  federatedIdentityKey,
  federatedIdentityListing,
  federatedIdentityListingPartition,
  groupMemberListing,
  groupMembershipKey,
  realmPart,
  roleHolderListing,
  userKey,
  userIdOfPartition,
  userListing,
  userListingPartition,
  usernameKey,
  userRoleMappingKey,
  type ItemKey,
} from './keys.js';
import type { Item, Store, TransactWrite } from './store.js';

export interface UserRecord extends Item {
  readonly entity: 'User';
  readonly realmId: string;
  readonly version: number;
  readonly rep: UserRepresentation;
}

/** Keycloak's Admin API messages for the two uniqueness rules. */
export const duplicateUsernameMessage = 'User exists with same username';
export const duplicateEmailMessage = 'User exists with same email';

/**
 * The writes that create a user: the user item, its username (and email, unless the realm allows
 * duplicate emails) sentinels, and its credentials — for one transaction, so a user never exists
 * without its uniqueness claims or half its credentials.
 */
export function userCreationWrites(
  realmId: string,
  user: UserRepresentation,
  credentials: readonly StoredCredential[],
  options: { uniqueEmail: boolean },
): TransactWrite[] {
  const root = userKey(realmId, user.id);
  const record: UserRecord = {
    ...root,
    ...userListing(realmId, user.username),
    ...realmPart(realmId, root.pk),
    entity: 'User',
    realmId,
    version: 1,
    rep: { ...user, username: user.username.toLowerCase() },
  };
  const usernameSentinel = usernameKey(realmId, user.username);
  const writes: TransactWrite[] = [
    { kind: 'create', item: record, onConflict: () => new ConflictError(duplicateUsernameMessage) },
    {
      kind: 'create',
      item: { ...usernameSentinel, ...realmPart(realmId, usernameSentinel.pk), userId: user.id },
      onConflict: () => new ConflictError(duplicateUsernameMessage),
    },
  ];
  if (user.email && options.uniqueEmail) {
    const emailSentinel = emailKey(realmId, user.email);
    writes.push({
      kind: 'create',
      item: { ...emailSentinel, ...realmPart(realmId, emailSentinel.pk), userId: user.id },
      onConflict: () => new ConflictError(duplicateEmailMessage),
    });
  }
  for (const credential of credentials) {
    writes.push({
      kind: 'create',
      item: { ...credentialKey(realmId, user.id, credential.id), entity: 'Credential', ...credential },
      onConflict: () => new ConflictError('Credential exists'),
    });
  }
  return writes;
}

/**
 * The writes that replace a user's representation, for one transaction. Condition: the user's
 * `version` is still the one `current` was read with (optimistic concurrency). A new username moves
 * its sentinel (the old one must exist, the new one must be free) and re-lists the user and its group
 * memberships under the new name; a new email moves the email sentinel the same way when the realm
 * forbids duplicate emails (`ownsEmailSentinel`: the old address's sentinel names this user).
 */
export function userUpdateWrites(
  current: UserRecord,
  rep: UserRepresentation,
  options: { uniqueEmail: boolean; ownsEmailSentinel: boolean; groupIds: readonly string[] },
): TransactWrite[] {
  const realmId = current.realmId;
  const userId = current.rep.id;
  const writes: TransactWrite[] = [
    { kind: 'updateVersioned', key: userKey(realmId, userId), expectedVersion: current.version, set: { rep, ...userListing(realmId, rep.username) } },
  ];
  if (rep.username !== current.rep.username) {
    const sentinel = usernameKey(realmId, rep.username);
    writes.push(
      { kind: 'delete', key: usernameKey(realmId, current.rep.username), mustExist: true, onConflict: () => new ConcurrentModificationError('The user was changed by someone else') },
      { kind: 'create', item: { ...sentinel, ...realmPart(realmId, sentinel.pk), userId }, onConflict: () => new ConflictError(duplicateUsernameMessage) },
      ...options.groupIds.map((groupId): TransactWrite => ({ kind: 'put', item: groupMembershipItem(realmId, userId, rep.username, groupId) })),
    );
  }
  const oldEmail = current.rep.email?.toLowerCase();
  const newEmail = rep.email?.toLowerCase();
  if (oldEmail !== newEmail) {
    if (oldEmail && options.ownsEmailSentinel) writes.push({ kind: 'delete', key: emailKey(realmId, oldEmail) });
    if (newEmail && options.uniqueEmail) {
      const sentinel = emailKey(realmId, newEmail);
      writes.push({ kind: 'create', item: { ...sentinel, ...realmPart(realmId, sentinel.pk), userId }, onConflict: () => new ConflictError(duplicateEmailMessage) });
    }
  }
  return writes;
}

/** A role mapped directly to a user (`clientUuid` set for client roles). */
export interface UserRoleMapping extends Item {
  readonly entity: 'UserRoleMapping';
  readonly roleId: string;
  readonly clientUuid?: string;
}

export interface GroupMembership extends Item {
  readonly entity: 'GroupMembership';
  readonly groupId: string;
}

export interface CredentialRecord extends Item, StoredCredential {
  readonly entity: 'Credential';
}

/** A user with everything a token needs, loaded by one Query of the user's partition. */
export interface UserData {
  readonly user: UserRecord;
  readonly credentials: readonly CredentialRecord[];
  readonly roleMappings: readonly UserRoleMapping[];
  readonly groupIds: readonly string[];
}

/** A user's link to an account at an identity provider (Keycloak's FederatedIdentityModel). */
export interface FederatedIdentityLink extends Item {
  readonly entity: 'FederatedIdentity';
  readonly identityProvider: string;
  readonly userId: string;
  readonly userName: string;
}

/** The whole user partition: what a token needs, the identity provider links, and every item's key. */
export interface UserPartition extends UserData {
  readonly federatedIdentities: readonly FederatedIdentityLink[];
  readonly keys: readonly ItemKey[];
}

export function userRoleMappingItem(realmId: string, userId: string, role: { roleId: string; clientUuid?: string }): UserRoleMapping {
  // roleHolderListing: the role's holders, so a role's deletion finds its mappings (see keys.ts).
  return { ...userRoleMappingKey(realmId, userId, role.roleId), ...roleHolderListing(realmId, role.roleId, userId), entity: 'UserRoleMapping', ...role };
}

export function groupMembershipItem(realmId: string, userId: string, username: string, groupId: string): GroupMembership {
  return { ...groupMembershipKey(realmId, userId, groupId), ...groupMemberListing(realmId, groupId, username), entity: 'GroupMembership', groupId };
}

/**
 * A federated identity link, listed by gsi1 under its provider (keys.ts federatedIdentityListing).
 * Keycloak stores the provider's user id and name as given (FederatedIdentityEntity).
 */
export function federatedIdentityItem(realmId: string, userId: string, link: { identityProvider: string; userId: string; userName: string }): FederatedIdentityLink {
  return {
    ...federatedIdentityKey(realmId, userId, link.identityProvider),
    // An index key cannot be an empty string: a link without the provider's user id is not listed.
    ...(link.userId ? federatedIdentityListing(realmId, link.identityProvider, link.userId) : {}),
    entity: 'FederatedIdentity',
    ...link,
  };
}

export class UsersRepository {
  constructor(private readonly store: Store) {}

  async load(realmId: string, userId: string): Promise<UserData | undefined> {
    return this.loadPartition(realmId, userId);
  }

  /** The user's partition in one strongly consistent Query (pattern 17), links and item keys included. */
  async loadPartition(realmId: string, userId: string): Promise<UserPartition | undefined> {
    let user: UserRecord | undefined;
    const credentials: CredentialRecord[] = [];
    const roleMappings: UserRoleMapping[] = [];
    const groupIds: string[] = [];
    const federatedIdentities: FederatedIdentityLink[] = [];
    const keys: ItemKey[] = [];
    for await (const item of this.store.queryAll<Item>({ partition: userKey(realmId, userId).pk, consistent: true })) {
      keys.push({ pk: item.pk, sk: item.sk });
      if (item.entity === 'User') user = item as UserRecord;
      else if (item.entity === 'Credential') credentials.push(item as CredentialRecord);
      else if (item.entity === 'UserRoleMapping') roleMappings.push(item as UserRoleMapping);
      else if (item.entity === 'GroupMembership') groupIds.push((item as GroupMembership).groupId);
      else if (item.entity === 'FederatedIdentity') federatedIdentities.push(item as FederatedIdentityLink);
    }
    return user ? { user, credentials, roleMappings, groupIds, federatedIdentities, keys } : undefined;
  }

  /** The realm's users in username order (gsi1 `USERS#<rid>`), read page by page as the caller consumes them. */
  listed(realmId: string): AsyncGenerator<UserRecord> {
    return this.store.queryAll<UserRecord>({ partition: userListingPartition(realmId), index: 'gsi1' });
  }

  /** Ids of the users linked to an identity provider (with that user id there, when given). */
  async linkedUserIds(realmId: string, alias: string, idpUserId?: string): Promise<string[]> {
    const ids: string[] = [];
    const query = { partition: federatedIdentityListingPartition(realmId, alias), index: 'gsi1' as const, ...(idpUserId !== undefined ? { skPrefix: idpUserId } : {}) };
    for await (const link of this.store.queryAll<FederatedIdentityLink>(query)) {
      const userId = userIdOfPartition(realmId, link.pk);
      if (userId && (idpUserId === undefined || link.userId === idpUserId)) ids.push(userId);
    }
    return ids;
  }

  /** Usernames are matched case-insensitively (Keycloak stores them lower-cased). */
  async idForUsername(realmId: string, username: string): Promise<string | undefined> {
    return (await this.store.get<Item & { userId: string }>(usernameKey(realmId, username), { consistent: true }))?.userId;
  }

  async idForEmail(realmId: string, email: string): Promise<string | undefined> {
    return (await this.store.get<Item & { userId: string }>(emailKey(realmId, email), { consistent: true }))?.userId;
  }

  /** Replaces a user's representation if nobody changed it since it was read. */
  async updateRep(record: UserRecord, rep: UserRepresentation): Promise<void> {
    await this.store.updateVersioned(userKey(record.realmId, record.rep.id), record.version, { rep });
  }

  /**
   * Rehashes a password credential after a successful login. Condition: the credential still holds
   * the hash that was verified — a credential deleted or changed meanwhile is left as it is.
   */
  async rehashCredential(realmId: string, userId: string, current: StoredCredential, next: Pick<StoredCredential, 'secretData' | 'credentialData'>): Promise<boolean> {
    try {
      await this.store.client.updateItem({
        TableName: this.store.tableName,
        Key: credentialKey(realmId, userId, current.id),
        UpdateExpression: 'SET secretData = :secret, credentialData = :data',
        ConditionExpression: 'attribute_exists(pk) AND secretData = :old',
        ExpressionAttributeValues: { ':secret': next.secretData, ':data': next.credentialData, ':old': current.secretData },
      });
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
