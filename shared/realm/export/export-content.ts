import { clientScopeNames, inKeycloakOrder } from '../../admin/clients/client-representation.js';
import { mapperRepresentation } from '../../admin/protocol-mappers/mapper-representation.js';
import type { ClientRepresentation } from '../../model/client.js';
import type { ClientScopeRepresentation } from '../../model/client-scope.js';
import type { RoleRepresentation } from '../../model/role.js';
import type { RoleRecord } from '../../store/roles.js';
import type { RealmConfig } from '../realm-config.js';
import { byName, type RealmNames } from './realm-names.js';

type ScopeMapping = { client?: string; clientScope?: string; roles: string[] };

/** ModelToRepresentation.toRepresentation(RoleModel) with its composites by name, as ExportUtils writes roles. */
export function exportedRole(names: RealmNames, role: RoleRecord): RoleRepresentation {
  const composites = names.namesOf(role.composites);
  const hasComposites = composites.realm.length > 0 || Object.keys(composites.client).length > 0;
  return {
    id: role.rep.id,
    name: role.rep.name,
    ...(role.rep.description !== undefined ? { description: role.rep.description } : {}),
    composite: hasComposites,
    ...(hasComposites
      ? { composites: { ...(composites.realm.length > 0 ? { realm: composites.realm } : {}), ...(Object.keys(composites.client).length > 0 ? { client: composites.client } : {}) } }
      : {}),
    clientRole: Boolean(role.clientUuid),
    containerId: role.clientUuid ?? role.realmId,
    attributes: role.rep.attributes ?? {},
  };
}

/** RolesRepresentation: realm roles by name, and every client's roles (an empty list for a client without any). */
export function exportedRoles(names: RealmNames): { realm: RoleRepresentation[]; client: Record<string, RoleRepresentation[]> } {
  const realm = [...names.config.realmRoles].sort((a, b) => byName(a.rep, b.rep)).map((role) => exportedRole(names, role));
  const client: Record<string, RoleRepresentation[]> = {};
  for (const entry of [...names.clients].sort((a, b) => byName({ name: a.client.rep.clientId }, { name: b.client.rep.clientId }))) {
    client[entry.client.rep.clientId] = [...entry.roles].sort((a, b) => byName(a.rep, b.rep)).map((role) => exportedRole(names, role));
  }
  return { realm, client };
}

/** Clients as exported: protocol mappers, default and optional scopes by name, no `access`; by clientId. */
export function exportedClients(names: RealmNames): ClientRepresentation[] {
  return [...names.clients]
    .sort((a, b) => byName({ name: a.client.rep.clientId }, { name: b.client.rep.clientId }))
    .map((entry) => {
      const mappers = (entry.client.rep.protocolMappers ?? []).map(mapperRepresentation);
      return inKeycloakOrder({
        ...entry.client.rep,
        protocolMappers: mappers.length > 0 ? mappers : undefined,
        defaultClientScopes: clientScopeNames(names.config, entry, true),
        optionalClientScopes: clientScopeNames(names.config, entry, false),
      });
    });
}

/** The realm's client scopes with their mappers, by name. */
export function exportedClientScopes(config: RealmConfig): ClientScopeRepresentation[] {
  return [...config.clientScopes]
    .map((scope) => scope.rep)
    .sort(byName)
    .map((scope) => {
      const mappers = (scope.protocolMappers ?? []).map(mapperRepresentation);
      const { protocolMappers: _mappers, ...rest } = scope;
      return mappers.length > 0 ? { ...rest, protocolMappers: mappers } : rest;
    });
}

/** The realm's default (`true`) or optional client scopes by name. */
export function realmScopeNames(names: RealmNames, isDefault: boolean): string[] {
  return names.config.defaultScopes
    .filter((scope) => scope.isDefault === isDefault)
    .map((scope) => names.scopeName(scope.scopeId))
    .filter((name): name is string => name !== undefined)
    .sort();
}

/**
 * RealmRepresentation.scopeMappings (realm roles a client scope or a client may put in tokens) and
 * clientScopeMappings (client roles, keyed by the roles' clientId), as ExportUtils writes them.
 * `withClients`: the clients' own role scope mappings too (partial exports without clients leave them out).
 */
export function exportedScopeMappings(names: RealmNames, withClients: boolean): { scopeMappings: ScopeMapping[]; clientScopeMappings: Record<string, ScopeMapping[]> } {
  const scopeMappings: ScopeMapping[] = [];
  const clientScopeMappings: Record<string, ScopeMapping[]> = {};
  const add = (holder: { client: string } | { clientScope: string }, refs: readonly { roleId: string; clientUuid?: string }[]) => {
    const { realm, client } = names.namesOf(refs);
    if (realm.length > 0) scopeMappings.push({ ...holder, roles: realm });
    for (const [clientId, roles] of Object.entries(client)) (clientScopeMappings[clientId] ??= []).push({ ...holder, roles });
  };
  for (const scope of [...names.config.clientScopes].sort((a, b) => byName(a.rep, b.rep))) {
    const refs = names.config.scopeRoleMappings.filter((mapping) => mapping.scopeId === scope.rep.id);
    add({ clientScope: scope.rep.name }, refs.map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId })));
  }
  if (withClients) {
    for (const entry of [...names.clients].sort((a, b) => byName({ name: a.client.rep.clientId }, { name: b.client.rep.clientId }))) {
      add({ client: entry.client.rep.clientId }, entry.roleScopes.map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId })));
    }
  }
  return { scopeMappings, clientScopeMappings };
}
