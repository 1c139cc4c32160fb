import { adminHandler } from '../../shared/admin/admin-handler.js';
import { clientScopeMapperOperations } from '../../shared/admin/client-scopes/client-scope-mapper-operations.js';
import { clientScopeOperations } from '../../shared/admin/client-scopes/client-scope-operations.js';
import { realmDefaultScopeOperations } from '../../shared/admin/client-scopes/realm-default-scope-operations.js';
import { clientScopeScopeMappingOperations } from '../../shared/admin/role-mappings/role-mapping-operations.js';

/** The client-scopes admin resource and the realm's default client scopes (ClientScopesResource, RealmAdminResource). */
export const handler = adminHandler([...clientScopeOperations, ...clientScopeMapperOperations, ...realmDefaultScopeOperations, ...clientScopeScopeMappingOperations]);
