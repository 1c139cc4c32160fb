import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientConfig } from '../../store/clients.js';
import { RolesRepository, type RoleRecord } from '../../store/roles.js';
import type { AdminRequest } from '../admin-request.js';
import { clientAt } from '../clients/client-access.js';
import { AdminNotFound } from '../errors.js';

/** A role container (Keycloak's RoleContainerModel): the realm, or one client. */
export interface RoleContainer {
  readonly realm: RealmConfig;
  readonly client?: ClientConfig;
  readonly roles: readonly RoleRecord[];
  /** The realm id or the client's uuid (RoleRepresentation.containerId). */
  readonly id: string;
}

export async function realmContainer(request: AdminRequest): Promise<RoleContainer> {
  const realm = await request.realm();
  return { realm, roles: realm.realmRoles, id: realm.realm.id };
}

/** The client the path names (`{id}`), as ClientsResource.getClient finds it (404 or 403 when unknown). */
export async function clientContainer(request: AdminRequest): Promise<RoleContainer> {
  const { realm, client } = await clientAt(request);
  return { realm, client, roles: client.roles, id: client.client.rep.id };
}

/**
 * RolePermissions for a container (no fine-grained permissions): listing realm roles takes view-realm
 * or any query- role; a client's roles, view-clients or query-clients (canList); reading them,
 * view-realm or view-clients; changing them, manage-realm or manage-clients (canConfigure).
 */
export async function requireListRoles(request: AdminRequest, container: RoleContainer): Promise<void> {
  if (container.client) return request.require('query-clients');
  return request.requireAny('view-realm', 'query-users', 'query-clients', 'query-realms', 'query-groups');
}

export async function requireViewRoles(request: AdminRequest, container: RoleContainer): Promise<void> {
  return request.require(container.client ? 'view-clients' : 'view-realm');
}

export async function requireManageRoles(request: AdminRequest, container: RoleContainer): Promise<void> {
  return request.require(container.client ? 'manage-clients' : 'manage-realm');
}

/** The same checks for one role, by the kind of its container (RolePermissions.canView(role), canManage(role)). */
export async function requireViewRole(request: AdminRequest, role: RoleRecord): Promise<void> {
  return request.require(role.clientUuid ? 'view-clients' : 'view-realm');
}

export async function requireManageRole(request: AdminRequest, role: RoleRecord): Promise<void> {
  return request.require(role.clientUuid ? 'manage-clients' : 'manage-realm');
}

/** The container's role named in the path (`{role-name}`): 404 "Could not find role" when absent. */
export function roleNamed(container: RoleContainer, name: string | undefined): RoleRecord {
  const role = container.roles.find((candidate) => candidate.rep.name === name);
  if (!role) throw new AdminNotFound('Could not find role');
  return role;
}

/** Any role of the realm by id (RealmModel.getRoleById): a realm role, or a client role found by its location. */
export async function roleWithId(request: AdminRequest, realm: RealmConfig, roleId: string): Promise<RoleRecord | undefined> {
  return realm.realmRoles.find((role) => role.rep.id === roleId) ?? new RolesRepository(request.store).clientRoleById(realm.realm.id, roleId);
}

/** The realm's client with this uuid (RealmModel.getClientById): 404 "Could not find client". */
export async function clientWithUuid(request: AdminRequest, clientUuid: string | undefined): Promise<ClientConfig> {
  const client = clientUuid ? await (await request.directory()).clientByUuid(clientUuid) : undefined;
  if (!client) throw new AdminNotFound('Could not find client');
  return client;
}

