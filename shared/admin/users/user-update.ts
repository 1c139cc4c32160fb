import { DISABLED_REASON } from '../../authn/brute-force/check-password.js';
import type { UserRepresentation } from '../../model/user.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { loginFailureKey } from '../../store/keys.js';
import type { Item, TransactWrite } from '../../store/store.js';
import { userUpdateWrites, UsersRepository, type UserPartition } from '../../store/users.js';
import type { AdminRequest } from '../admin-request.js';
import { realmPasswordPolicy, storedCredentialOf } from './password-change.js';
import { hasTemporaryPassword, representationCredentialWrites } from './representation-credentials.js';
import { knownRequiredActions, REQUIRED_ACTION_PROVIDERS, requireValidProfile, UserProfileInvalid } from './user-profile-rules.js';
import { attributesOf, type UserInput } from './user-schema.js';

/**
 * UserResource.updateUser as writes for one transaction: a partial update — a field the body leaves
 * out (or sends as null) keeps its value; an empty email, first or last name removes it; `attributes`,
 * when sent, replace the user's attributes; `requiredActions`, when sent, decide the known actions.
 * The username changes only where the user profile lets it (editUsernameAllowed; with email as
 * username it follows the email), otherwise a different one is refused as read-only. Enabling a user
 * clears a brute-force lockout (its failure record and the permanent-lockout mark), and credentials
 * with a plain value set the password under the realm's policy, as Keycloak's update does.
 */
export async function planUserUpdate(request: AdminRequest, realm: RealmConfig, data: UserPartition, body: UserInput): Promise<TransactWrite[]> {
  const realmRep = realm.realm.rep;
  const realmId = realm.realm.id;
  const current = data.user.rep;
  const email = body.email == null ? current.email : body.email.trim() === '' ? undefined : body.email.trim().toLowerCase();
  const username = nextUsername(realmRep, current, body, email);
  const attributes = body.attributes != null ? attributesOf(body.attributes) : { ...(current.attributes ?? {}) };
  if (body.enabled === true) delete attributes[DISABLED_REASON];
  const requiredActions = nextRequiredActions(current.requiredActions ?? [], body);
  const next: UserRepresentation = { ...current, username, requiredActions };
  assign(next, 'email', email);
  assign(next, 'firstName', body.firstName == null ? current.firstName : body.firstName || undefined);
  assign(next, 'lastName', body.lastName == null ? current.lastName : body.lastName || undefined);
  assign(next, 'attributes', Object.keys(attributes).length > 0 ? attributes : undefined);
  if (typeof body.enabled === 'boolean') next.enabled = body.enabled;
  if (typeof body.emailVerified === 'boolean') next.emailVerified = body.emailVerified;
  if (body.federationLink != null) next['federationLink'] = body.federationLink;
  requireValidProfile({ username, email, firstName: next.firstName, lastName: next.lastName });

  const users = new UsersRepository(request.store);
  const uniqueEmail = realmRep['duplicateEmailsAllowed'] !== true;
  const ownsEmailSentinel = current.email !== undefined && current.email !== email && (await users.idForEmail(realmId, current.email)) === current.id;
  const writes = userUpdateWrites(data.user, next, { uniqueEmail, ownsEmailSentinel, groupIds: data.groupIds });
  const owner = { realmId, userId: current.id, username, email, credentials: data.credentials.map(storedCredentialOf) };
  writes.push(...(await representationCredentialWrites(realmPasswordPolicy(realm), owner, body.credentials)));
  if (body.enabled === true) {
    const failure = await request.store.get<Item & { failedLoginNotBefore?: number }>(loginFailureKey(realmId, current.id), { consistent: true });
    // Enabling a disabled or temporarily locked-out user clears its failures (UserResource.updateUser).
    if (failure && (!current.enabled || (failure.failedLoginNotBefore ?? 0) * 1000 > Date.now())) writes.push({ kind: 'delete', key: loginFailureKey(realmId, current.id) });
  }
  return writes;
}

/** DeclarativeUserProfileProvider's editUsernameCondition for an existing user, and the email-as-username rule. */
function nextUsername(realmRep: RealmConfig['realm']['rep'], current: UserRepresentation, body: UserInput, email: string | undefined): string {
  if (realmRep['registrationEmailAsUsername'] === true) return email && email !== current.email ? email : current.username;
  const asked = body.username?.trim().toLowerCase();
  if (asked === undefined || asked === current.username) return current.username;
  if (realmRep['editUsernameAllowed'] !== true) {
    throw new UserProfileInvalid([{ field: 'username', errorMessage: 'error-user-attribute-read-only', params: ['username'] }]);
  }
  return asked;
}

/**
 * updateUserFromRep with removeMissingRequiredActions: a sent list decides every action Keycloak
 * knows (unknown ones the user already has stay); a temporary password credential adds UPDATE_PASSWORD.
 */
function nextRequiredActions(current: readonly string[], body: UserInput): string[] {
  const known = new Set<string>(REQUIRED_ACTION_PROVIDERS);
  const kept = body.requiredActions ? [...current.filter((action) => !known.has(action)), ...knownRequiredActions(body.requiredActions)] : [...current];
  if (hasTemporaryPassword(body.credentials) && !kept.includes('UPDATE_PASSWORD')) kept.push('UPDATE_PASSWORD');
  return kept;
}

function assign<K extends keyof UserRepresentation>(rep: UserRepresentation, field: K, value: UserRepresentation[K] | undefined): void {
  if (value === undefined) delete rep[field];
  else rep[field] = value;
}
