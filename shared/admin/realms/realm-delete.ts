import { masterAdminClientId } from '../../model/builtin/index.js';
import { realmConfigChanged } from '../../realm/config-changes.js';
import { masterRealmId } from '../../realm/master.js';
import { loadRealmConfig, type RealmConfig } from '../../realm/realm-config.js';
import { ClientsRepository } from '../../store/clients.js';
import { clientIdKey, clientKey, realmKey, roleGroupListingPartition, type ItemKey } from '../../store/keys.js';
import { RealmsRepository, realmDeletionWrites } from '../../store/realms.js';
import { roleCompanionKeys } from '../../store/roles.js';
import type { Item, Store, TransactWrite } from '../../store/store.js';
import type { AdminRequest } from '../admin-request.js';
import { roleHolderMappingKeys } from '../clients/role-holders.js';
import { AdminNotFound } from '../errors.js';

/**
 * RealmAdminResource.deleteRealm → RealmManager.removeRealm: the realm disappears at once (its item and
 * name, with the admin event, in one transaction; the event belongs to the caller's realm, as Keycloak
 * records it, resourcePath = the realm's name), then everything under it is purged, then master's
 * `{realm}-realm` client goes with its roles and master's `admin` role loses them.
 */
export async function deleteRealm(request: AdminRequest, config: RealmConfig): Promise<void> {
  const callerRealm = (await loadRealmConfig(request.store, request.principal.realmId)) ?? config;
  const record = await new RealmsRepository(request.store).getById(config.realm.id, { consistent: true });
  if (!record) throw new AdminNotFound('Realm not found.');
  await request.commit(realmDeletionWrites(record), { operationType: 'DELETE', resourceType: 'REALM', resourcePath: record.name }, { realm: callerRealm });
  realmConfigChanged(record.id);
  await new RealmsRepository(request.store).purge(record.id);
  await removeMasterAdminClient(request.store, record.name);
}

/**
 * Master's admin client of a deleted realm (RealmManager.removeRealm removes realm.getMasterAdminClient()):
 * users' and groups' mappings of its roles, the roles' names and locations, its partition, the realm
 * roles' composites naming its roles (version-checked), then the client and its clientId with master's
 * configVersion bumped. Absent (a realm created before master existed): nothing to do.
 */
export async function removeMasterAdminClient(store: Store, realmName: string): Promise<void> {
  const client = await new ClientsRepository(store).loadByClientId(masterRealmId, masterAdminClientId(realmName));
  const master = await loadRealmConfig(store, masterRealmId);
  if (!client || !master) return;
  const roleIds = new Set(client.roles.map((role) => role.rep.id));
  const clientUuid = client.client.rep.id;
  const deletes: ItemKey[] = [...(await roleHolderMappingKeys(store, masterRealmId, [...roleIds]))];
  for (const roleId of roleIds) {
    for await (const item of store.queryAll<Item>({ partition: roleGroupListingPartition(masterRealmId, roleId), index: 'gsi2' })) deletes.push({ pk: item.pk, sk: item.sk });
  }
  for (const role of client.roles) deletes.push(...roleCompanionKeys(role));
  const root = clientKey(masterRealmId, clientUuid);
  deletes.push(...(await new ClientsRepository(store).partitionKeys(masterRealmId, clientUuid)).filter((key) => key.sk !== root.sk));
  await store.deleteMany(deletes);
  const composites: TransactWrite[] = [];
  for (const role of master.realmRoles) {
    const kept = role.composites.filter((ref) => !roleIds.has(ref.roleId));
    if (kept.length === role.composites.length) continue;
    composites.push({ kind: 'updateVersioned', key: { pk: role.pk, sk: role.sk }, expectedVersion: role.version, set: { composites: kept, rep: { ...role.rep, composite: kept.length > 0 } } });
  }
  await store.transact([
    ...composites,
    { kind: 'delete', key: root },
    { kind: 'delete', key: clientIdKey(masterRealmId, client.client.rep.clientId) },
    { kind: 'bumpConfigVersion', key: realmKey(masterRealmId) },
  ]);
  realmConfigChanged(masterRealmId);
}
