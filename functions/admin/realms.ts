import { adminHandler } from '../../shared/admin/admin-handler.js';
import { realmOperations } from '../../shared/admin/realms/realm-operations.js';

/** /admin/realms and /admin/realms/{realm}/... not claimed by another resource (Keycloak's RealmsAdminResource, RealmAdminResource). */
export const handler = adminHandler(realmOperations);
