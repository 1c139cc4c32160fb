import type { StoredCredential, UserRepresentation } from '../model/user.js';
import { ConflictError } from './errors.js';
import { credentialKey, emailKey, realmPart, userKey, userListing, usernameKey } from './keys.js';
import type { Item, TransactWrite } from './store.js';

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
