import type { RealmConfig } from '../../realm/realm-config.js';
import { ClientsRepository, type ClientConfig } from '../../store/clients.js';
import { clientIdKey, clientKey, roleNameKey, type ItemKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { clientEventPath } from './client-access.js';
import { roleHolderMappingKeys } from './role-holders.js';
import { serviceAccountRemoval } from './service-account.js';

/**
 * ClientResource.deleteClient → ClientManager.removeClient: the client goes with its roles (their
 * name sentinels, the users' mappings of them, the realm roles' composites and the client scopes'
 * scope mappings that named them), its scope assignments and role scope mappings, and its
 * service-account user. Everything but the client item is deleted first, in batches; the client item,
 * its clientId sentinel, the service-account user and the admin event then commit together, so a
 * failure part-way leaves the client in place and deleting it again finishes the job.
 */
export async function deleteClient(request: AdminRequest, realm: RealmConfig, client: ClientConfig): Promise<void> {
  const realmId = realm.realm.id;
  const clientUuid = client.client.rep.id;
  const roleIds = new Set(client.roles.map((role) => role.rep.id));
  const batch: ItemKey[] = [];
  const final: TransactWrite[] = [];

  batch.push(...(await roleHolderMappingKeys(request.store, realmId, [...roleIds])));
  for (const role of client.roles) batch.push(roleNameKey(realmId, clientUuid, role.rep.name));
  const root = clientKey(realmId, clientUuid);
  const partition = await new ClientsRepository(request.store).partitionKeys(realmId, clientUuid);
  batch.push(...partition.filter((key) => key.sk !== root.sk));
  // Scope mappings of client scopes that let tokens carry this client's roles (realm partition).
  for (const mapping of realm.scopeRoleMappings) if (mapping.clientUuid === clientUuid) batch.push({ pk: mapping.pk, sk: mapping.sk });
  if (client.client.serviceAccountUserId) {
    const removal = await serviceAccountRemoval(request.store, realm, client.client.serviceAccountUserId);
    batch.push(...removal.batch);
    final.push(...removal.final);
  }
  await request.store.deleteMany(batch);
  const cleanup = compositeCleanup(realm, roleIds);
  for (let start = 0; start < cleanup.length; start += 100) await request.store.transact(cleanup.slice(start, start + 100));

  final.unshift(
    // Condition: the client is still there, so a concurrent delete is reported once, not twice.
    { kind: 'delete', key: root, mustExist: true, onConflict: () => new AdminNotFound('Could not find client') },
    { kind: 'delete', key: clientIdKey(realmId, client.client.rep.clientId) },
  );
  await request.commit(
    final,
    { operationType: 'DELETE', resourceType: 'CLIENT', resourcePath: clientEventPath(clientUuid), representation: { id: clientUuid, clientId: client.client.rep.clientId } },
    { config: true, realm },
  );
}

/**
 * Realm roles that had one of the client's roles as a composite lose it (Keycloak removes the role
 * from every composite, RoleProvider.removeRole). Version-checked like every role update.
 */
function compositeCleanup(realm: RealmConfig, roleIds: ReadonlySet<string>): TransactWrite[] {
  const writes: TransactWrite[] = [];
  for (const role of realm.realmRoles) {
    const kept = role.composites.filter((ref) => !roleIds.has(ref.roleId));
    if (kept.length === role.composites.length) continue;
    writes.push({
      kind: 'updateVersioned',
      key: { pk: role.pk, sk: role.sk },
      expectedVersion: role.version,
      set: { composites: kept, rep: { ...role.rep, composite: kept.length > 0 } },
    });
  }
  return writes;
}
