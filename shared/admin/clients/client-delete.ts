import type { RealmConfig } from '../../realm/realm-config.js';
import { ClientsRepository, type ClientConfig } from '../../store/clients.js';
import { clientIdKey, clientKey, clientSessionListingPartition, type ItemKey } from '../../store/keys.js';
import type { Item, TransactWrite } from '../../store/store.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { commitCascade } from '../roles/cascade.js';
import { rolesRemoval } from '../roles/role-removal.js';
import { clientEventPath } from './client-access.js';
import { serviceAccountRemoval } from './service-account.js';

/**
 * ClientResource.deleteClient → ClientManager.removeClient: the client goes with its roles and what
 * named them (RoleProvider.removeRole for each: users' and groups' mappings, other clients' and client
 * scopes' scope mappings, their place in realm and client composites — rolesRemoval), everything in
 * its partition (scope assignments, its own role scope mappings, composite index entries), its client
 * sessions online and offline (UserSessionProvider.onClientRemoved; the user sessions stay) and its
 * service-account user. Dependents go first (commitCascade); the client item, its clientId sentinel,
 * the service-account user and the admin event commit last together, so a failure part-way leaves the
 * client in place and deleting it again finishes the job.
 */
export async function deleteClient(request: AdminRequest, realm: RealmConfig, client: ClientConfig): Promise<void> {
  const realmId = realm.realm.id;
  const clientUuid = client.client.rep.id;
  const removal = await rolesRemoval(request.store, realm, client.roles);
  const deletes: ItemKey[] = [...removal.deletes];
  const root = clientKey(realmId, clientUuid);
  const partition = await new ClientsRepository(request.store).partitionKeys(realmId, clientUuid);
  deletes.push(...partition.filter((key) => key.sk !== root.sk));
  for (const offline of [false, true]) {
    for await (const item of request.store.queryAll<Item>({ partition: clientSessionListingPartition(realmId, clientUuid, offline), index: 'gsi2' })) deletes.push({ pk: item.pk, sk: item.sk });
  }
  const final: TransactWrite[] = [
    // Condition: the client is still there, so a concurrent delete is reported once, not twice.
    { kind: 'delete', key: root, mustExist: true, onConflict: () => new AdminNotFound('Could not find client') },
    { kind: 'delete', key: clientIdKey(realmId, client.client.rep.clientId) },
  ];
  if (client.client.serviceAccountUserId) {
    const account = await serviceAccountRemoval(request.store, realm, client.client.serviceAccountUserId);
    deletes.push(...account.batch);
    final.push(...account.final);
  }
  await commitCascade(
    request,
    realm,
    { deletes, updates: removal.updates, final },
    { operationType: 'DELETE', resourceType: 'CLIENT', resourcePath: clientEventPath(clientUuid), representation: { id: clientUuid, clientId: client.client.rep.clientId } },
    true,
  );
}
