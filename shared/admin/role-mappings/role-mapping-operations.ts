import { mountOf, type AdminOperation } from '../admin-handler.js';
import { clientScopeHolder, groupHolder, scopeHolder, userHolder } from './mapping-holders.js';
import { mappingOperations, type MappingFlavor } from './mapping-operations.js';

/**
 * RoleMapperResource and ClientRoleMappingsResource: roles found by name with a matching id (404
 * "Role not found"), each change checked with RolePermissions.requireMapRole, no event for an
 * empty list, the client `composite` listing over the holder's deep mappings.
 */
const roleMapping: MappingFlavor = {
  realmEvent: 'REALM_ROLE_MAPPING',
  clientEvent: 'CLIENT_ROLE_MAPPING',
  unknownClient: 'Client not found',
  realmRoleById: false,
  checkClientRoleId: true,
  eventForEmptyAdd: false,
  canMap: (guard, _request, role) => guard.canMapRole(role),
  requireMapOnChange: true,
  clientComposite: 'deep',
};

/**
 * ScopeMappedResource and ScopeMappedClientResource: realm-level roles found by id, client roles by
 * name, no per-role check beyond the resource's manage right; roles are "available" to callers who
 * manage clients (RolePermissions.canMapClientScope).
 */
const scopeMapping: MappingFlavor = {
  realmEvent: 'REALM_SCOPE_MAPPING',
  clientEvent: 'CLIENT_SCOPE_MAPPING',
  unknownClient: 'Could not find client',
  realmRoleById: true,
  checkClientRoleId: false,
  eventForEmptyAdd: true,
  canMap: (_guard, request) => request.has('manage-clients'),
  requireMapOnChange: false,
  clientComposite: 'has',
};

/** users/{id}/role-mappings/... (for functions/admin/users.ts). */
export const userRoleMappingOperations: readonly AdminOperation[] = mappingOperations(`${mountOf('admin.users.rest')}/{id}/role-mappings`, userHolder, roleMapping);

/** groups/{id}/role-mappings/... */
export const groupRoleMappingOperations: readonly AdminOperation[] = mappingOperations(`${mountOf('admin.groups.rest')}/{id}/role-mappings`, groupHolder, roleMapping);

/** clients/{id}/scope-mappings/... (for functions/admin/clients.ts). */
export const clientScopeMappingOperations: readonly AdminOperation[] = mappingOperations(`${mountOf('admin.clients.rest')}/{id}/scope-mappings`, clientScopeHolder, scopeMapping);

/** client-scopes/{id}/scope-mappings/... (for functions/admin/client-scopes.ts). */
export const clientScopeScopeMappingOperations: readonly AdminOperation[] = mappingOperations(
  `${mountOf('admin.client-scopes.rest')}/{id}/scope-mappings`,
  scopeHolder,
  scopeMapping,
);
