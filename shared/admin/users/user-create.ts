import { randomUUID } from 'node:crypto';
import type { UserRepresentation } from '../../model/user.js';
import { defaultRoleRef } from '../../realm/create-user.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { defaultGroupMembershipWrites } from '../../store/groups.js';
import type { TransactWrite } from '../../store/store.js';
import {
  duplicateEmailMessage,
  duplicateUsernameMessage,
  federatedIdentityItem,
  groupMembershipItem,
  userCreationWrites,
  userRoleMappingItem,
  UsersRepository,
} from '../../store/users.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminBadRequest, AdminConflict } from '../errors.js';
import { groupTree } from '../groups/group-access.js';
import { realmPasswordPolicy } from './password-change.js';
import { hasTemporaryPassword, representationCredentialWrites } from './representation-credentials.js';
import { knownRequiredActions, requireValidProfile } from './user-profile-rules.js';
import { attributesOf, type UserInput } from './user-schema.js';

/**
 * UsersResource.createUser as writes for one transaction: the username (the email when the realm
 * uses email as username) is required and checked by the default user profile; the username and (in
 * realms without duplicate emails) the email must be free (409 with Keycloak's messages); the user is
 * created as Keycloak's addUser does — disabled unless `enabled` is true, with the realm's default
 * role and default groups — then gets what updateUserFromRep, createFederatedIdentities, createGroups
 * and createCredentials give it. Like Keycloak's createUser, `realmRoles` and `clientRoles` are not
 * applied (role mappings have their own endpoints); `id` is not taken from the body.
 */
export async function planUserCreation(request: AdminRequest, realm: RealmConfig, body: UserInput): Promise<{ rep: UserRepresentation; writes: TransactWrite[] }> {
  const realmRep = realm.realm.rep;
  const realmId = realm.realm.id;
  const username = (realmRep['registrationEmailAsUsername'] === true ? body.email : body.username)?.trim();
  if (!username) throw new AdminBadRequest('User name is missing');
  const email = body.email ? body.email.trim().toLowerCase() : undefined;
  requireValidProfile({ username, email, firstName: body.firstName ?? undefined, lastName: body.lastName ?? undefined });

  const users = new UsersRepository(request.store);
  const uniqueEmail = realmRep['duplicateEmailsAllowed'] !== true;
  // Checked before anything is written, as the user profile's duplicate validators do; the sentinels
  // in the transaction settle races between two creations.
  if (await users.idForUsername(realmId, username)) throw new AdminConflict(duplicateUsernameMessage);
  if (email && uniqueEmail && (await users.idForEmail(realmId, email))) throw new AdminConflict(duplicateEmailMessage);

  const id = randomUUID();
  const requiredActions = knownRequiredActions([...(body.requiredActions ?? []), ...(hasTemporaryPassword(body.credentials) ? ['UPDATE_PASSWORD'] : [])]);
  const attributes = attributesOf(body.attributes);
  const rep: UserRepresentation = {
    id,
    username: username.toLowerCase(),
    enabled: body.enabled === true,
    emailVerified: body.emailVerified === true,
    createdTimestamp: body.createdTimestamp ?? Date.now(),
    requiredActions,
    notBefore: 0,
    ...(email ? { email } : {}),
    ...(body.firstName != null ? { firstName: body.firstName } : {}),
    ...(body.lastName != null ? { lastName: body.lastName } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(body.federationLink ? { federationLink: body.federationLink } : {}),
  };

  const credentials = await representationCredentialWrites(realmPasswordPolicy(realm), { realmId, userId: id, username: rep.username, email, credentials: [] }, body.credentials);
  const writes: TransactWrite[] = [...userCreationWrites(realmId, rep, [], { uniqueEmail }), ...credentials];
  const defaultRole = defaultRoleRef(realm);
  if (defaultRole) writes.push({ kind: 'put', item: userRoleMappingItem(realmId, id, defaultRole) });
  const groupIds = new Set<string>();
  for (const write of await defaultGroupMembershipWrites(request.store, realmId, id, rep.username)) {
    if (write.kind === 'put') groupIds.add(String(write.item['groupId']));
  }
  if (body.groups?.length) {
    const tree = await groupTree(request, realm);
    for (const path of body.groups) {
      const group = tree.atPath(path);
      // Keycloak fails the request here with a RuntimeException (a 500); the client's mistake is a 400.
      if (!group) throw new AdminBadRequest(`Unable to find group specified by path: ${path}`);
      groupIds.add(group.groupId);
    }
  }
  for (const groupId of groupIds) writes.push({ kind: 'put', item: groupMembershipItem(realmId, id, rep.username, groupId) });
  const links = new Map<string, { identityProvider: string; userId: string; userName: string }>();
  for (const link of body.federatedIdentities ?? []) {
    if (link.identityProvider) links.set(link.identityProvider, { identityProvider: link.identityProvider, userId: link.userId ?? '', userName: link.userName ?? '' });
  }
  for (const link of links.values()) writes.push({ kind: 'put', item: federatedIdentityItem(realmId, id, link) });
  return { rep, writes };
}
