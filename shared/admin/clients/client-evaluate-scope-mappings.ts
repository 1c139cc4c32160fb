import { RoleResolver, roleRefOf } from '../../oidc/roles/role-resolver.js';
import { tokenScopes } from '../../oidc/tokens/token-scopes.js';
import type { RoleRecord, RoleRef } from '../../store/roles.js';
import type { AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { ok } from '../responses.js';
import { clientAt } from './client-access.js';

/** ModelToRepresentation.toBriefRepresentation(RoleModel). */
const briefRole = (role: RoleRecord) => ({
  id: role.rep.id,
  name: role.rep.name,
  ...(role.rep.description !== undefined ? { description: role.rep.description } : {}),
  composite: role.composites.length > 0,
  clientRole: Boolean(role.clientUuid),
  containerId: role.clientUuid ?? role.realmId,
});

/**
 * ClientScopeEvaluateScopeMappingsResource: of the roles of one container (`{roleContainerId}` is the
 * realm's name or a client's id), those the client's tokens may carry for a `scope` parameter
 * (`granted`: all of them with full scope allowed; otherwise the roles reachable from the client's own
 * roles and the role scope mappings of the client and of its applied scopes) and the others.
 */
export function scopeMappingOperations(evaluate: string): AdminOperation[] {
  const path = `${evaluate}/scope-mappings/{roleContainerId}`;
  return [
    { method: 'GET', path: `${path}/granted`, run: async (request) => ok((await partition(request)).granted.map(briefRole)) },
    { method: 'GET', path: `${path}/not-granted`, run: async (request) => ok((await partition(request)).notGranted.map(briefRole)) },
  ];
}

async function partition(request: AdminRequest): Promise<{ granted: RoleRecord[]; notGranted: RoleRecord[] }> {
  const { realm, client } = await clientAt(request);
  await request.require('view-clients');
  const containerId = request.params['roleContainerId'] ?? '';
  const directory = await request.directory();
  const container = containerId === realm.realm.name ? undefined : await directory.clientByUuid(containerId);
  if (containerId !== realm.realm.name && !container) throw new AdminNotFound('Role Container not found');
  const roles = [...(container ? container.roles : realm.realmRoles)].sort((a, b) => a.rep.name.localeCompare(b.rep.name));
  if (client.client.rep.fullScopeAllowed !== false) return { granted: roles, notGranted: [] };

  const scopeIds = new Set(tokenScopes(realm, client, request.query.string('scope')).scopes.map((scope) => scope.rep.id));
  const refs: RoleRef[] = [
    ...client.roles.map(roleRefOf),
    ...client.roleScopes.map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId })),
    ...realm.scopeRoleMappings.filter((mapping) => scopeIds.has(mapping.scopeId)).map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId })),
  ];
  const reachable = new Set((await new RoleResolver(realm.realmRoles, (uuid) => directory.clientByUuid(uuid)).expand(refs)).map((role) => role.rep.id));
  // Realm roles are listed as granted only to callers who may view the realm (RolePermissions.canView).
  const visible = container || (await request.has('view-realm'));
  return {
    granted: visible ? roles.filter((role) => reachable.has(role.rep.id)) : [],
    notGranted: roles.filter((role) => !reachable.has(role.rep.id)),
  };
}
