import { adminHandler } from '../../shared/admin/admin-handler.js';
import { roleByIdOperations } from '../../shared/admin/roles/role-by-id-operations.js';
import { realmRoleOperations } from '../../shared/admin/roles/role-operations.js';

/** The roles admin resource: realm roles by name (RoleContainerResource) and any role by id (RoleByIdResource). */
export const handler = adminHandler([...realmRoleOperations, ...roleByIdOperations]);
