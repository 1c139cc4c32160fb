import type { ClientRepresentation } from '../model/client.js';
import type { ClientScopeRepresentation } from '../model/client-scope.js';
import type { RoleRepresentation } from '../model/role.js';
import { clientScopeWrites, realmDefaultScopeItem } from '../store/client-scopes.js';
import { clientCreationWrites, clientRecord, clientRoleScopeItem } from '../store/clients.js';
import { roleScopeClientListing, scopeRoleMappingKey } from '../store/keys.js';
import { roleCreationWrites, roleRecord, type RoleRef } from '../store/roles.js';
import type { Item, TransactWrite } from '../store/store.js';

/** Realm content by name, as Keycloak's representations (and realm exports) describe it. */
export interface RealmContent {
  readonly clientScopes: readonly (ClientScopeRepresentation & { id: string })[];
  readonly defaultScopes: readonly string[];
  readonly optionalScopes: readonly string[];
  readonly realmRoles: readonly (RoleRepresentation & { id: string })[];
  readonly clients: readonly {
    client: ClientRepresentation & { id: string };
    roles: readonly (RoleRepresentation & { id: string })[];
    /** The client's service-account user (imports that carry one). */
    serviceAccountUserId?: string;
  }[];
  /** Client scope → realm roles it maps (RealmRepresentation.scopeMappings). */
  readonly scopeRoleMappings: readonly { clientScope: string; roles: readonly string[] }[];
  /** Client → client roles it may carry (RealmRepresentation.clientScopeMappings), by role client. */
  readonly clientRoleScopes: readonly { client: string; roles: Readonly<Record<string, readonly string[]>> }[];
  /** Client → realm roles it may carry (RealmRepresentation.scopeMappings entries naming a client). */
  readonly clientRealmRoleScopes?: readonly { client: string; roles: readonly string[] }[];
  /** Client scope → client roles it maps (RealmRepresentation.clientScopeMappings entries naming a scope). */
  readonly scopeClientRoleMappings?: readonly { clientScope: string; roles: Readonly<Record<string, readonly string[]>> }[];
}

/**
 * Turns named content into stored items with ids: composites, scope assignments and scope mappings
 * become references by id (so renames never break them). Names that resolve to nothing are errors:
 * built-in content and imports must be consistent.
 */
export class RealmContentIndex {
  readonly realmRoleIds = new Map<string, string>();
  readonly clientUuids = new Map<string, string>();
  readonly clientRoleIds = new Map<string, Map<string, string>>();
  readonly scopeIds = new Map<string, string>();

  constructor(content: RealmContent) {
    for (const role of content.realmRoles) this.realmRoleIds.set(role.name, role.id);
    for (const scope of content.clientScopes) this.scopeIds.set(scope.name, scope.id);
    for (const { client, roles } of content.clients) {
      this.clientUuids.set(client.clientId, client.id);
      this.clientRoleIds.set(client.clientId, new Map(roles.map((role) => [role.name, role.id])));
    }
  }

  realmRole(name: string): RoleRef {
    const roleId = this.realmRoleIds.get(name);
    if (!roleId) throw new Error(`Unknown realm role ${name}`);
    return { roleId };
  }

  clientRole(clientId: string, name: string): RoleRef {
    const roleId = this.clientRoleIds.get(clientId)?.get(name);
    const clientUuid = this.clientUuids.get(clientId);
    if (!roleId || !clientUuid) throw new Error(`Unknown client role ${clientId}/${name}`);
    return { roleId, clientUuid };
  }

  composites(role: RoleRepresentation): RoleRef[] {
    const refs = (role.composites?.realm ?? []).map((name) => this.realmRole(name));
    for (const [clientId, names] of Object.entries(role.composites?.client ?? {})) {
      for (const name of names) refs.push(this.clientRole(clientId, name));
    }
    return refs;
  }

  clientUuid(clientId: string): string {
    const uuid = this.clientUuids.get(clientId);
    if (!uuid) throw new Error(`Unknown client ${clientId}`);
    return uuid;
  }

  scope(name: string): string {
    const id = this.scopeIds.get(name);
    if (!id) throw new Error(`Unknown client scope ${name}`);
    return id;
  }
}

/** The items for a realm's content (for a realm being created: written in batches, see RealmsRepository). */
export function realmContentItems(realmId: string, content: RealmContent): Item[] {
  const index = new RealmContentIndex(content);
  const writes: TransactWrite[] = [];
  for (const scope of content.clientScopes) writes.push(...clientScopeWrites(realmId, scope));
  const defaults = content.defaultScopes.map((name) => realmDefaultScopeItem(realmId, index.scope(name), true));
  const optionals = content.optionalScopes.map((name) => realmDefaultScopeItem(realmId, index.scope(name), false));
  for (const role of content.realmRoles) writes.push(...roleCreationWrites(roleRecord(realmId, role, index.composites(role))));
  for (const { client, roles, serviceAccountUserId } of content.clients) {
    const scopeIds = (names: readonly string[] | undefined) => (names ?? []).filter((name) => index.scopeIds.has(name)).map((name) => index.scope(name));
    writes.push(
      ...clientCreationWrites(clientRecord(realmId, client, serviceAccountUserId), {
        defaultIds: scopeIds(client.defaultClientScopes),
        optionalIds: scopeIds(client.optionalClientScopes),
      }),
    );
    for (const role of roles) writes.push(...roleCreationWrites(roleRecord(realmId, role, index.composites(role), client.id)));
  }
  const mappings: Item[] = [];
  for (const { clientScope, roles } of content.scopeRoleMappings) {
    const scopeId = index.scope(clientScope);
    for (const name of roles) {
      const { roleId } = index.realmRole(name);
      mappings.push({ ...scopeRoleMappingKey(realmId, scopeId, roleId), entity: 'ScopeRoleMapping', scopeId, roleId });
    }
  }
  for (const { client, roles } of content.clientRoleScopes) {
    const clientUuid = index.clientUuid(client);
    for (const [roleClient, names] of Object.entries(roles)) {
      for (const name of names) mappings.push(roleScopeItem(realmId, clientUuid, index.clientRole(roleClient, name)));
    }
  }
  for (const { client, roles } of content.clientRealmRoleScopes ?? []) {
    const clientUuid = index.clientUuid(client);
    for (const name of roles) mappings.push(roleScopeItem(realmId, clientUuid, index.realmRole(name)));
  }
  for (const { clientScope, roles } of content.scopeClientRoleMappings ?? []) {
    const scopeId = index.scope(clientScope);
    for (const [roleClient, names] of Object.entries(roles)) {
      for (const name of names) {
        const role = index.clientRole(roleClient, name);
        mappings.push({ ...scopeRoleMappingKey(realmId, scopeId, role.roleId), entity: 'ScopeRoleMapping', scopeId, ...role });
      }
    }
  }
  return [...writes.map(itemOf), ...defaults, ...optionals, ...mappings];
}

/** A client's role scope mapping, indexed by role so a role's deletion finds it (keys.ts roleScopeClientListing). */
function roleScopeItem(realmId: string, clientUuid: string, role: RoleRef): Item {
  return { ...clientRoleScopeItem(realmId, clientUuid, role), ...roleScopeClientListing(realmId, role.roleId, clientUuid) };
}

/** The item a create or put write would store. */
export function itemOf(write: TransactWrite): Item {
  if (write.kind === 'create' || write.kind === 'put') return write.item;
  throw new Error(`Not an item write: ${write.kind}`);
}
