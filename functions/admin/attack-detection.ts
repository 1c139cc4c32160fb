import { adminHandler } from '../../shared/admin/admin-handler.js';
import { attackDetectionOperations } from '../../shared/admin/attack-detection/attack-detection-operations.js';

/** /admin/realms/{realm}/attack-detection/brute-force/users[/{userId}] (Keycloak's AttackDetectionResource). */
export const handler = adminHandler(attackDetectionOperations);
