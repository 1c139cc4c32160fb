import type { ClientRepresentation } from '../../model/client.js';
import { SERVICE_ACCOUNT_SCOPE, scopeIdNamed, serviceAccountWrites } from '../../realm/create-client.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { clientScopeAssignmentItem, clientUpdateWrites, type ClientConfig } from '../../store/clients.js';
import { ConflictError } from '../../store/errors.js';
import { clientScopeAssignmentKey, type ItemKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import { UsersRepository } from '../../store/users.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { stringEntries, withoutNulls } from '../protocol-mappers/mapper-representation.js';
import { normalizedMappers } from '../protocol-mappers/mapper-validation.js';
import { noContent, ok } from '../responses.js';
import { clientAccess, clientAt, clientEventPath } from './client-access.js';
import { deleteClient } from './client-delete.js';
import { clientRepresentation, inKeycloakOrder, stripClientSecrets } from './client-representation.js';
import { clientSchema } from './client-schema.js';
import { mergedClient } from './client-update.js';
import { validateClientUrls } from './client-validation.js';
import { serviceAccountRemoval, serviceAccountRenameWrites } from './service-account.js';

const client = `${mountOf('admin.clients.rest')}/{id}`;

/** One client (ClientResource): read, update, delete. */
export const clientOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: client,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('view-clients');
      return ok(clientRepresentation(realm, found, await clientAccess(request), { canViewScopes: true }));
    },
  },
  {
    // PUT: partial update (ClientResource.update, manage-clients); 409 "Client already exists" when
    // the new clientId is taken.
    method: 'PUT',
    path: client,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('manage-clients');
      const body = withoutNulls(request.body(clientSchema));
      const given: ClientRepresentation = { ...body, clientId: body.clientId ?? found.client.rep.clientId } as ClientRepresentation;
      if (body.attributes) given.attributes = stringEntries(body.attributes);
      if (body.authenticationFlowBindingOverrides) given.authenticationFlowBindingOverrides = stringEntries(body.authenticationFlowBindingOverrides);
      if (body.protocolMappers) given.protocolMappers = normalizedMappers(body.protocolMappers, found.client.rep.protocol, { validateProviders: false });
      const next = mergedClient(found.client.rep, given);
      validateClientUrls(next);
      const { writes, batch, serviceAccountUserId } = await serviceAccountChanges(request, realm, found, next, body.serviceAccountsEnabled);
      const conflict = () => new ConflictError('Client already exists');
      writes.unshift(...clientUpdateWrites(found.client, next, { ...(serviceAccountUserId !== undefined ? { serviceAccountUserId } : {}), onConflict: conflict }));
      const renamedAccount = serviceAccountUserId === undefined ? found.client.serviceAccountUserId : undefined;
      if (next.clientId !== found.client.rep.clientId && renamedAccount) {
        writes.push(...(await serviceAccountRenameWrites(request.store, realm, renamedAccount, next.clientId, conflict)));
      }
      await request.store.deleteMany(batch);
      const representation = stripClientSecrets(inKeycloakOrder({ ...given, clientId: body.clientId }));
      await request.commit(writes, { operationType: 'UPDATE', resourceType: 'CLIENT', resourcePath: clientEventPath(found.client.rep.id), representation }, { config: true, realm });
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: client,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('manage-clients');
      await deleteClient(request, realm, found);
      return noContent();
    },
  },
];

/**
 * ClientManager.updateClientServiceAccount: turning service accounts on makes sure the client has its
 * service-account user and the service_account scope as a default scope (moved from optional if
 * needed); turning them off removes both. The user's dependent items are returned as `batch`, to be
 * deleted before the transaction.
 */
async function serviceAccountChanges(
  request: AdminRequest,
  realm: RealmConfig,
  found: ClientConfig,
  next: ClientRepresentation & { id: string },
  enabled: boolean | undefined,
): Promise<{ writes: TransactWrite[]; batch: ItemKey[]; serviceAccountUserId?: string | null }> {
  const realmId = realm.realm.id;
  const clientUuid = found.client.rep.id;
  const serviceScope = scopeIdNamed(realm, SERVICE_ACCOUNT_SCOPE);
  if (enabled === true) {
    const writes: TransactWrite[] = [];
    if (serviceScope && !found.defaultScopeIds.includes(serviceScope)) {
      writes.push({ kind: 'put', item: clientScopeAssignmentItem(realmId, clientUuid, serviceScope, true) });
    }
    const existing = found.client.serviceAccountUserId;
    if (existing && (await new UsersRepository(request.store).load(realmId, existing))) return { writes, batch: [] };
    const account = serviceAccountWrites(realm, next);
    return { writes: [...writes, ...account.writes], batch: [], serviceAccountUserId: account.userId };
  }
  if (enabled === false && found.client.rep.serviceAccountsEnabled) {
    const writes: TransactWrite[] = [];
    const batch: ItemKey[] = [];
    if (serviceScope && found.defaultScopeIds.includes(serviceScope)) writes.push({ kind: 'delete', key: clientScopeAssignmentKey(realmId, clientUuid, serviceScope) });
    if (found.client.serviceAccountUserId) {
      const removal = await serviceAccountRemoval(request.store, realm, found.client.serviceAccountUserId);
      batch.push(...removal.batch);
      writes.push(...removal.final);
    }
    return { writes, batch, serviceAccountUserId: null };
  }
  return { writes: [], batch: [] };
}
