import type { RealmConfig } from '../../realm/realm-config.js';
import { ClientsRepository, type ClientConfig } from '../../store/clients.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminForbidden, AdminNotFound } from '../errors.js';
import type { ClientAccess } from './client-representation.js';

/**
 * ClientPermissions.canList: view-clients (or manage-clients), query-clients, or query-users — a user
 * administrator must be able to find clients to map their roles.
 */
export async function canListClients(request: AdminRequest): Promise<boolean> {
  return (await request.has('query-clients')) || (await request.has('query-users'));
}

/**
 * The client the path names (ClientsResource.getClient): unknown ids are 404 "Could not find client"
 * for callers who may list clients and 403 for the others, so ids cannot be phished.
 */
export async function clientAt(request: AdminRequest): Promise<{ realm: RealmConfig; client: ClientConfig }> {
  const realm = await request.realm();
  const client = await new ClientsRepository(request.store).load(realm.realm.id, request.params['id'] ?? '');
  if (!client) {
    if (await canListClients(request)) throw new AdminNotFound('Could not find client');
    throw new AdminForbidden();
  }
  return { realm, client };
}

/** ClientPermissions.getAccess without fine-grained permissions: view, configure and manage by role. */
export async function clientAccess(request: AdminRequest): Promise<ClientAccess> {
  const manage = await request.has('manage-clients');
  return { view: manage || (await request.has('view-clients')), configure: manage, manage };
}

/** The admin event path of a client (Keycloak's resourcePath is relative to the realm's admin URL). */
export const clientEventPath = (clientUuid: string, ...rest: string[]): string => ['clients', clientUuid, ...rest].join('/');
