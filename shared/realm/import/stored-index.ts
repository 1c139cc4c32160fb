import { ClientsRepository, type ClientRecord } from '../../store/clients.js';
import { clientListingPartition, isClaimKey } from '../../store/keys.js';
import type { Item, Store, TransactWrite } from '../../store/store.js';
import { ConflictError } from '../../store/errors.js';
import type { RealmConfig } from '../realm-config.js';
import { RealmContentIndex, type RealmContent } from '../realm-content.js';

/**
 * The name index of a realm as stored (realm roles, client scopes, every client with its roles), so
 * representations that name roles and clients (a partial import's groups and users) resolve as they
 * would in an import of a whole realm.
 */
export async function storedRealmIndex(store: Store, config: RealmConfig): Promise<RealmContentIndex> {
  const repository = new ClientsRepository(store);
  const clients: { client: ClientRecord['rep']; roles: { id: string; name: string }[] }[] = [];
  for await (const item of store.queryAll<ClientRecord>({ partition: clientListingPartition(config.realm.id), index: 'gsi1' })) {
    const client = await repository.load(config.realm.id, item.rep.id);
    if (client) clients.push({ client: client.client.rep, roles: client.roles.map((role) => role.rep) });
  }
  const content: RealmContent = {
    clientScopes: config.clientScopes.map((scope) => scope.rep),
    defaultScopes: [],
    optionalScopes: [],
    realmRoles: config.realmRoles.map((role) => role.rep),
    clients,
    scopeRoleMappings: [],
    clientRoleScopes: [],
  };
  return new RealmContentIndex(content);
}

/**
 * Items of a new entity as conditional writes for an existing realm: its root item and uniqueness
 * sentinels must not exist yet (attribute_not_exists), everything else belongs to it and is put.
 */
export function creationWrites(items: readonly Item[], conflict: () => Error = () => new ConflictError('Conflict detected. See logs for details')): TransactWrite[] {
  return items.map((item): TransactWrite => (isClaimKey(item) ? { kind: 'create', item, onConflict: conflict } : { kind: 'put', item }));
}
