import { RoleResolver } from '../../oidc/roles/role-resolver.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { RealmDirectory } from '../../realm/realm-directory.js';
import type { RoleRecord, RoleRef } from '../../store/roles.js';
import type { UserData } from '../../store/users.js';

/**
 * Every role a user has (Keycloak's UserModel.hasRole): direct mappings and the mappings of each of
 * the user's groups and their ancestors, composites expanded.
 */
export async function effectiveRoles(realm: RealmConfig, directory: RealmDirectory, user: UserData): Promise<RoleRecord[]> {
  const refs: RoleRef[] = user.roleMappings.map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId }));
  for (const group of await directory.groupsWithAncestors(user.groupIds)) refs.push(...group.roleMappings);
  return new RoleResolver(realm.realmRoles, (uuid) => directory.clientByUuid(uuid)).expand(refs);
}
