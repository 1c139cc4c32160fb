import { adminHandler } from '../../shared/admin/admin-handler.js';
import { clientAdapterOperations } from '../../shared/admin/clients/client-adapter-operations.js';
import { clientCollectionOperations } from '../../shared/admin/clients/clients-collection-operations.js';
import { clientCredentialOperations } from '../../shared/admin/clients/client-credential-operations.js';
import { clientEvaluateOperations } from '../../shared/admin/clients/client-evaluate-operations.js';
import { clientMapperOperations } from '../../shared/admin/clients/client-mapper-operations.js';
import { clientOperations } from '../../shared/admin/clients/client-operations.js';
import { clientScopeAssignmentOperations } from '../../shared/admin/clients/client-scope-assignment-operations.js';
import { clientSessionOperations } from '../../shared/admin/clients/client-session-operations.js';
import { clientScopeMappingOperations } from '../../shared/admin/role-mappings/role-mapping-operations.js';
import { clientRoleOperations } from '../../shared/admin/roles/role-operations.js';

/** The clients admin resource (Keycloak's ClientsResource and ClientResource). */
export const handler = adminHandler([
  ...clientCollectionOperations,
  ...clientOperations,
  ...clientCredentialOperations,
  ...clientScopeAssignmentOperations,
  ...clientMapperOperations,
  ...clientEvaluateOperations,
  ...clientSessionOperations,
  ...clientAdapterOperations,
  ...clientRoleOperations,
  ...clientScopeMappingOperations,
]);
