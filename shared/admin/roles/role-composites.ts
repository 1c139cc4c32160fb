import type { RealmConfig } from '../../realm/realm-config.js';
import { compositesWrites, roleRefOf, type RoleRecord, type RoleRef } from '../../store/roles.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { requestResourcePath } from './resource-path.js';
import { roleWithId } from './role-container.js';
import { RoleGuard } from './role-guard.js';
import { briefRole, byName, roleListSchema } from './role-representation.js';
import { resolveRoles, roleResolver } from './resolve-roles.js';

/** The role's composite children (RoleModel.getCompositesStream), by name. */
export async function compositesOf(request: AdminRequest, realm: RealmConfig, role: RoleRecord): Promise<RoleRecord[]> {
  return byName(await resolveRoles(roleResolver(realm, await request.directory()), role.composites));
}

export const roleResourceType = (role: RoleRecord): string => (role.clientUuid ? 'CLIENT_ROLE' : 'REALM_ROLE');

/**
 * RoleResource.addComposites: each body role is found by id (404 "Could not find composite role"),
 * and the caller must be allowed to make it part of a composite (RolePermissions.requireMapComposite).
 * A role already among the children stays once; cycles are allowed, as in Keycloak, and expanded safely.
 */
export async function addComposites(request: AdminRequest, realm: RealmConfig, role: RoleRecord): Promise<void> {
  const body = request.body(roleListSchema);
  const guard = new RoleGuard(request, realm);
  const next: RoleRef[] = [...role.composites];
  for (const rep of body) {
    const child = rep.id ? await roleWithId(request, realm, rep.id) : undefined;
    if (!child) throw new AdminNotFound('Could not find composite role');
    await guard.requireMapComposite(child);
    if (!next.some((ref) => ref.roleId === child.rep.id)) next.push(roleRefOf(child));
  }
  await request.commit(
    next.length === role.composites.length ? [] : compositesWrites(role, next),
    { operationType: 'CREATE', resourceType: roleResourceType(role), resourcePath: requestResourcePath(request), representation: body },
    { config: true, realm },
  );
}

/** RoleResource.deleteComposites: each body role is found by id (404 "Could not find composite role") and leaves the composite. */
export async function removeComposites(request: AdminRequest, realm: RealmConfig, role: RoleRecord): Promise<void> {
  const body = request.body(roleListSchema);
  const removed = new Set<string>();
  for (const rep of body) {
    const child = rep.id ? await roleWithId(request, realm, rep.id) : undefined;
    if (!child) throw new AdminNotFound('Could not find composite role');
    removed.add(child.rep.id);
  }
  const next = role.composites.filter((ref) => !removed.has(ref.roleId));
  await request.commit(
    next.length === role.composites.length ? [] : compositesWrites(role, next),
    { operationType: 'DELETE', resourceType: roleResourceType(role), resourcePath: requestResourcePath(request), representation: body },
    { config: true, realm },
  );
}

/** The composite's realm roles (RoleResource.getRealmRoleComposites), or those of one client. */
export async function compositesIn(request: AdminRequest, realm: RealmConfig, role: RoleRecord, clientUuid?: string) {
  return (await compositesOf(request, realm, role)).filter((child) => child.clientUuid === clientUuid).map(briefRole);
}
