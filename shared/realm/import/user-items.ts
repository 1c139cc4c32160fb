import { randomUUID } from 'node:crypto';
import { hashPassword, validatePasswordAgainstPolicy, type PasswordPolicy } from '../../crypto/password/index.js';
import { SERVICE_ACCOUNT_USER_PREFIX } from '../create-client.js';
import type { StoredCredential, UserRepresentation } from '../../model/user.js';
import type { RoleRef } from '../../store/roles.js';
import type { Item } from '../../store/store.js';
import { federatedIdentityItem, groupMembershipItem, userCreationWrites, userRoleMappingItem } from '../../store/users.js';
import { itemOf, type RealmContentIndex } from '../realm-content.js';
import { InvalidRealmError } from '../realm-errors.js';
import { DuplicateInRealmError } from './content-plan.js';
import { normalPath, type GroupPlan } from './group-items.js';
import type { CredentialInput, ImportedUser } from './user-schema.js';

/** Keycloak's built-in required actions, whose aliases an import matches case-insensitively. */
const REQUIRED_ACTIONS = ['CONFIGURE_TOTP', 'TERMS_AND_CONDITIONS', 'UPDATE_PASSWORD', 'UPDATE_PROFILE', 'VERIFY_EMAIL', 'delete_account', 'webauthn-register', 'webauthn-register-passwordless', 'VERIFY_PROFILE', 'delete_credential', 'update_user_locale', 'CONFIGURE_RECOVERY_AUTHN_CODES', 'UPDATE_EMAIL', 'idp_link'];

/** A plain password in a realm file that the realm's policy refuses (Keycloak's PasswordPolicyNotMetException). */
export class PasswordPolicyNotMetError extends Error {
  override readonly name = 'PasswordPolicyNotMetError';
}

export interface UserImportContext {
  readonly realmId: string;
  readonly index: RealmContentIndex;
  readonly groups: GroupPlan;
  readonly uniqueEmail: boolean;
  readonly policy: PasswordPolicy | undefined;
  /** The realm's default role, which service-account users Gatehouse creates are given. */
  readonly defaultRole: RoleRef;
}

/**
 * DefaultExportImportManager.createUser for each user of the file: the user keeps its id, its
 * credentials exactly as exported (secretData / credentialData, so its password hash logs it in), its
 * realm and client role mappings, group memberships (by path) and identity provider links — and nothing
 * it did not have (consents are not kept: Gatehouse stores no consent grants yet): unlike
 * a user created through the Admin API it is not given the default role or required actions. A plain
 * password (`value`) is hashed under the realm's policy and must satisfy it. A user without `enabled`
 * is disabled, as Keycloak's import leaves it.
 */
export async function userItems(context: UserImportContext, users: readonly ImportedUser[]): Promise<Item[]> {
  const items: Item[] = [];
  const usernames = new Set<string>();
  const emails = new Set<string>();
  for (const user of users) {
    if (!user.username) throw new InvalidRealmError('A user in the realm has no username');
    const username = user.username.toLowerCase();
    if (usernames.has(username)) throw new DuplicateInRealmError('User exists with same username');
    usernames.add(username);
    const email = user.email?.toLowerCase();
    if (email && context.uniqueEmail) {
      if (emails.has(email)) throw new DuplicateInRealmError('User exists with same email');
      emails.add(email);
    }
    items.push(...(await oneUser(context, user, username, email)));
  }
  return items;
}

async function oneUser(context: UserImportContext, user: ImportedUser, username: string, email: string | undefined): Promise<Item[]> {
  const { realmId, index } = context;
  const id = user.id ?? randomUUID();
  const requiredActions = (user.requiredActions ?? []).map(requiredActionAlias);
  const credentials: StoredCredential[] = [];
  for (const credential of user.credentials ?? []) {
    const stored = await storedCredential(context, credential, username, email);
    if (!stored) continue;
    credentials.push(stored);
    if (credential.temporary === true && credential.type === 'password' && !requiredActions.includes('UPDATE_PASSWORD')) requiredActions.push('UPDATE_PASSWORD');
  }
  const rep: UserRepresentation = {
    id,
    username,
    enabled: user.enabled === true,
    emailVerified: user.emailVerified === true,
    createdTimestamp: user.createdTimestamp ?? Date.now(),
    requiredActions,
    notBefore: user.notBefore ?? 0,
    ...(email ? { email } : {}),
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    ...(user.attributes ? { attributes: Object.fromEntries(Object.entries(user.attributes).filter((entry): entry is [string, string[]] => entry[1] !== null)) } : {}),
    ...(user.federationLink ? { federationLink: user.federationLink } : {}),
    ...(user.serviceAccountClientId ? { serviceAccountClientId: index.clientUuid(user.serviceAccountClientId) } : {}),
  };
  const items = userCreationWrites(realmId, rep, credentials, { uniqueEmail: context.uniqueEmail }).map(itemOf);
  const roles: RoleRef[] = (user.realmRoles ?? []).map((name) => index.realmRole(name.trim()));
  for (const [clientId, names] of Object.entries(user.clientRoles ?? {})) {
    for (const name of names ?? []) roles.push(index.clientRole(clientId, name.trim()));
  }
  for (const role of uniqueRefs(roles)) items.push(userRoleMappingItem(realmId, id, role));
  for (const link of user.federatedIdentities ?? []) {
    if (!link.identityProvider) throw new InvalidRealmError(`A federated identity of user ${username} has no identityProvider`);
    items.push(federatedIdentityItem(realmId, id, { identityProvider: link.identityProvider, userId: link.userId ?? '', userName: link.userName ?? '' }));
  }
  for (const path of new Set(user.groups ?? [])) {
    const groupId = context.groups.idsByPath.get(normalPath(path));
    if (!groupId) throw new InvalidRealmError(`Unable to find group specified by path: ${path}`);
    items.push(groupMembershipItem(realmId, id, username, groupId));
  }
  return items;
}

/**
 * RepresentationToModel.createCredentials: a credential with its JSON strings is stored as it is; a
 * plain `value` of type password is hashed (a temporary one also asks for UPDATE_PASSWORD).
 */
async function storedCredential(context: UserImportContext, credential: CredentialInput, username: string, email: string | undefined): Promise<StoredCredential | undefined> {
  const base = { id: credential.id ?? randomUUID(), type: credential.type ?? 'password', createdDate: credential.createdDate ?? Date.now(), priority: credential.priority ?? 10, ...(credential.userLabel ? { userLabel: credential.userLabel } : {}) };
  if (credential.secretData != null && credential.credentialData != null) return { ...base, secretData: credential.secretData, credentialData: credential.credentialData };
  if (credential.value != null && base.type === 'password') {
    if (context.policy) {
      const problem = validatePasswordAgainstPolicy(credential.value, context.policy, { username, email });
      if (problem) throw new PasswordPolicyNotMetError(`Password policy not met for user ${username}`);
    }
    return { ...base, ...(await hashPassword(credential.value, context.policy)) };
  }
  return undefined;
}

/**
 * ClientManager.enableServiceAccount for a client whose service account the file does not carry
 * (RealmManager.setupClientServiceAccountsAndAuthorizationOnImport): `service-account-{clientId}`,
 * enabled, linked to the client, holding the realm's default role.
 */
export function serviceAccountItems(context: UserImportContext, client: { id: string; clientId: string }, userId: string): Item[] {
  const username = `${SERVICE_ACCOUNT_USER_PREFIX}${client.clientId}`.toLowerCase();
  const rep: UserRepresentation = { id: userId, username, enabled: true, emailVerified: false, createdTimestamp: Date.now(), requiredActions: [], notBefore: 0, serviceAccountClientId: client.id };
  return [...userCreationWrites(context.realmId, rep, [], { uniqueEmail: false }).map(itemOf), userRoleMappingItem(context.realmId, userId, context.defaultRole)];
}

/** DefaultRequiredActions.getDefaultRequiredActionCaseInsensitively. */
function requiredActionAlias(alias: string): string {
  return REQUIRED_ACTIONS.find((known) => known.toLowerCase() === alias.toLowerCase()) ?? alias;
}

function uniqueRefs(refs: readonly RoleRef[]): RoleRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => !seen.has(ref.roleId) && Boolean(seen.add(ref.roleId)));
}
