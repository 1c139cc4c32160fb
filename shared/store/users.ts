import type { StoredCredential, UserRepresentation } from '../model/user.js';
import { ConflictError } from './errors.js';
import {
  credentialKey,
  emailKey,
  groupMemberListing,
  groupMembershipKey,
  realmPart,
  userKey,
  userListing,
  usernameKey,
  userRoleMappingKey,
} from './keys.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

export function userRoleMappingItem(realmId: string, userId: string, role: { roleId: string; clientUuid?: string }): UserRoleMapping {
  return { ...userRoleMappingKey(realmId, userId, role.roleId), entity: 'UserRoleMapping', ...role };
}

export function groupMembershipItem(realmId: string, userId: string, username: string, groupId: string): GroupMembership {
  return { ...groupMembershipKey(realmId, userId, groupId), ...groupMemberListing(realmId, groupId, username), entity: 'GroupMembership', groupId };
}

export class UsersRepository {
  constructor(private readonly store: Store) {}

  async load(realmId: string, userId: string): Promise<UserData | undefined> {
    let user: UserRecord | undefined;
    const credentials: CredentialRecord[] = [];
    const roleMappings: UserRoleMapping[] = [];
    const groupIds: string[] = [];
    for await (const item of this.store.queryAll<Item>({ partition: userKey(realmId, userId).pk, consistent: true })) {
      if (item.entity === 'User') user = item as UserRecord;
      else if (item.entity === 'Credential') credentials.push(item as CredentialRecord);
      else if (item.entity === 'UserRoleMapping') roleMappings.push(item as UserRoleMapping);
      else if (item.entity === 'GroupMembership') groupIds.push((item as GroupMembership).groupId);
    }
    return user ? { user, credentials, roleMappings, groupIds } : undefined;
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
      await this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: credentialKey(realmId, userId, current.id),
          UpdateExpression: 'SET secretData = :secret, credentialData = :data',
          ConditionExpression: 'attribute_exists(pk) AND secretData = :old',
          ExpressionAttributeValues: { ':secret': next.secretData, ':data': next.credentialData, ':old': current.secretData },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
