import type { AdminOperation } from '../admin-handler.js';
import { realmCollectionOperations } from './realm-collection-operations.js';
import { realmKeyOperations } from './realm-key-operations.js';
import { realmResourceOperations } from './realm-resource-operations.js';
import { realmSessionOperations } from './realm-session-operations.js';
import { realmTransferOperations } from './realm-transfer-operations.js';

/**
 * The realm-level admin operations (Keycloak's RealmsAdminResource and RealmAdminResource): the realms
 * collection, the realm itself, its keys, sessions, partial import and export. Paths under a realm that
 * no other admin resource claims reach this module through the `admin.rest` row.
 */
export const realmOperations: readonly AdminOperation[] = [
  ...realmCollectionOperations,
  ...realmResourceOperations,
  ...realmKeyOperations,
  ...realmSessionOperations,
  ...realmTransferOperations,
];
