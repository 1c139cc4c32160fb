import { roleHolderListingPartition, type ItemKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';

/**
 * The keys of the users' direct mappings of these roles (gsi2, keys.ts roleHolderListing): what
 * Keycloak's UserProvider.preRemove(realm, role) deletes when a role goes away. One Query per role.
 */
export async function roleHolderMappingKeys(store: Store, realmId: string, roleIds: readonly string[]): Promise<ItemKey[]> {
  const keys: ItemKey[] = [];
  for (const roleId of roleIds) {
    for await (const item of store.queryAll({ partition: roleHolderListingPartition(realmId, roleId), index: 'gsi2' })) keys.push({ pk: item.pk, sk: item.sk });
  }
  return keys;
}
