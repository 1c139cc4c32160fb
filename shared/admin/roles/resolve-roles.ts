import { RoleResolver } from '../../oidc/roles/role-resolver.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { RealmDirectory } from '../../realm/realm-directory.js';
import type { RoleRecord, RoleRef } from '../../store/roles.js';

/** The resolver of a realm's roles for one request (clients loaded once each, through the directory). */
export function roleResolver(realm: RealmConfig, directory: RealmDirectory): RoleResolver {
  return new RoleResolver(realm.realmRoles, (clientUuid) => directory.clientByUuid(clientUuid));
}

/** The roles the references name, skipping references to roles that no longer exist. */
export async function resolveRoles(resolver: RoleResolver, refs: Iterable<RoleRef>): Promise<RoleRecord[]> {
  const roles = await Promise.all([...refs].map((ref) => resolver.resolve(ref)));
  return roles.filter((role): role is RoleRecord => role !== undefined);
}
