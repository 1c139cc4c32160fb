import { adminHandler } from '../../shared/admin/admin-handler.js';
import { serverOperations } from '../../shared/admin/server/server-operations.js';

/** GET /admin/serverinfo and GET /admin/{realm}/console/whoami (Keycloak's ServerInfoAdminResource, AdminConsole). */
export const handler = adminHandler(serverOperations);
