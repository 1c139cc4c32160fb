import { randomUUID } from 'node:crypto';
import { hashPassword, parsePasswordPolicy } from '../crypto/password/index.js';
import type { StoredCredential, UserRepresentation } from '../model/user.js';
import { groupMembershipItem, userCreationWrites, userRoleMappingItem } from '../store/users.js';
import type { RoleRef } from '../store/roles.js';
import type { Store, TransactWrite } from '../store/store.js';
import type { RealmConfig } from './realm-config.js';

export interface NewUser {
  readonly username: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly enabled?: boolean;
  readonly emailVerified?: boolean;
  readonly attributes?: Record<string, string[]>;
  readonly requiredActions?: string[];
  readonly password?: string;
  readonly roles?: readonly RoleRef[];
  readonly groupIds?: readonly string[];
}

/**
 * Creates a user as Keycloak does (UserResource / RepresentationToModel.createUser): the username
 * lower-cased and unique, the email unique unless the realm allows duplicates, the realm's default role
 * mapped, a password hashed under the realm's password policy — one transaction.
 */
export async function createUser(store: Store, realm: RealmConfig, user: NewUser): Promise<UserRepresentation> {
  const rep: UserRepresentation = {
    id: randomUUID(),
    username: user.username.toLowerCase(),
    enabled: user.enabled ?? true,
    emailVerified: user.emailVerified ?? false,
    createdTimestamp: Date.now(),
    requiredActions: user.requiredActions ?? [],
    notBefore: 0,
    ...(user.email ? { email: user.email.toLowerCase() } : {}),
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    ...(user.attributes ? { attributes: user.attributes } : {}),
  };
  const credentials: StoredCredential[] = [];
  if (user.password !== undefined) {
    const policyText = realm.realm.rep.passwordPolicy;
    const policy = typeof policyText === 'string' && policyText ? parsePasswordPolicy(policyText) : undefined;
    credentials.push({ id: randomUUID(), type: 'password', createdDate: Date.now(), priority: 10, ...(await hashPassword(user.password, policy)) });
  }
  const realmId = realm.realm.id;
  const writes: TransactWrite[] = userCreationWrites(realmId, rep, credentials, { uniqueEmail: realm.realm.rep.duplicateEmailsAllowed !== true });
  const defaultRole = defaultRoleRef(realm);
  const roles = [...(defaultRole ? [defaultRole] : []), ...(user.roles ?? [])];
  for (const role of roles) writes.push({ kind: 'put', item: userRoleMappingItem(realmId, rep.id, role) });
  for (const groupId of user.groupIds ?? []) writes.push({ kind: 'put', item: groupMembershipItem(realmId, rep.id, rep.username, groupId) });
  await store.transact(writes);
  return rep;
}

/** The realm's default role (`default-roles-<realm>`), which every new user is given (RealmModel.getDefaultRole). */
export function defaultRoleRef(realm: RealmConfig): RoleRef | undefined {
  const id = (realm.realm.rep.defaultRole as { id?: string } | undefined)?.id;
  return id ? { roleId: id } : undefined;
}
