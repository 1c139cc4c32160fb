import { randomUUID } from 'node:crypto';
import {
  builtinClientScopeMappings,
  builtinClientScopeRoleMappings,
  builtinClients,
  builtinClientScopes,
  builtinRealmRoles,
  defaultClientScopesFor,
  defaultRolesName,
  optionalClientScopesFor,
  realmDefaultClientScopes,
  realmOptionalClientScopes,
} from '../model/builtin/index.js';
import type { RealmContent } from './realm-content.js';

/**
 * What Keycloak creates in every new realm (RealmManager.createRealm): its client scopes, realm roles
 * (with default-roles-{realm}), built-in clients and their roles, and the scope mappings between them.
 */
export function builtinRealmContent(realmId: string, realmName: string, isMaster: boolean): RealmContent {
  const newId = () => randomUUID();
  const clients = builtinClients(realmName, isMaster, newId).map(({ client, roles }) => ({
    client: { ...client, id: client.id ?? newId() },
    roles: roles.map((role) => ({ ...role, id: role.id ?? newId() })),
  }));
  return {
    clientScopes: builtinClientScopes(newId).map((scope) => ({ ...scope, id: scope.id ?? newId() })),
    defaultScopes: [...realmDefaultClientScopes],
    optionalScopes: [...realmOptionalClientScopes],
    realmRoles: builtinRealmRoles(realmName, isMaster, newId, realmId).map((role) => ({ ...role, id: role.id ?? newId() })),
    clients,
    scopeRoleMappings: builtinClientScopeRoleMappings,
    clientRoleScopes: builtinClientScopeMappings,
  };
}

/** Keycloak gives every new user the realm's default role (RealmModel.getDefaultRole). */
export const defaultRoleOf = defaultRolesName;
export { defaultClientScopesFor, optionalClientScopesFor };
