import type { RealmConfig } from '../../realm/realm-config.js';
import {
  roleGroupListingPartition,
  roleHolderListingPartition,
  roleNameKey,
  roleScopeClientListingPartition,
  type ItemKey,
} from '../../store/keys.js';
import { compositesWrites, roleCompanionKeys, roleKeyOf, RolesRepository, type RoleRecord } from '../../store/roles.js';
import type { Item, Store, TransactWrite } from '../../store/store.js';
import { AdminNotFound } from '../errors.js';
import type { Cascade } from './cascade.js';

/**
 * What deleting roles takes with them besides the role items (Keycloak's RoleProvider.removeRole and
 * the providers' preRemove): every user's and group's mapping of them, every client's and client
 * scope's scope mapping of them, their name claims, ids and composite index entries, and their place
 * in every composite that contains them (realm roles from the realm configuration, client roles
 * through their composite index). The lookups are Queries of reverse indexes, never a Scan. Client
 * deletion can use this for all of a client's roles at once.
 */
export async function rolesRemoval(store: Store, realm: RealmConfig, roles: readonly RoleRecord[]): Promise<{ deletes: ItemKey[]; updates: TransactWrite[] }> {
  const realmId = realm.realm.id;
  const doomed = new Set(roles.map((role) => role.rep.id));
  const deletes: ItemKey[] = [];
  const clientParents: { clientUuid: string; roleId: string }[] = [];
  const repository = new RolesRepository(store);
  for (const role of roles) {
    const roleId = role.rep.id;
    for (const partition of [roleHolderListingPartition(realmId, roleId), roleGroupListingPartition(realmId, roleId), roleScopeClientListingPartition(realmId, roleId)]) {
      for await (const item of store.queryAll<Item>({ partition, index: 'gsi2' })) deletes.push({ pk: item.pk, sk: item.sk });
    }
    deletes.push(...roleCompanionKeys(role));
    clientParents.push(...(await repository.clientParents(realmId, roleId)));
  }
  for (const mapping of realm.scopeRoleMappings) if (doomed.has(mapping.roleId)) deletes.push({ pk: mapping.pk, sk: mapping.sk });

  const updates: TransactWrite[] = [];
  const without = (parent: RoleRecord) => {
    if (doomed.has(parent.rep.id) || !parent.composites.some((ref) => doomed.has(ref.roleId))) return;
    updates.push(...compositesWrites(parent, parent.composites.filter((ref) => !doomed.has(ref.roleId))));
  };
  for (const parent of realm.realmRoles) without(parent);
  const seen = new Set<string>();
  for (const { clientUuid, roleId } of clientParents) {
    if (seen.has(roleId)) continue;
    seen.add(roleId);
    const parent = await repository.clientRole(realmId, clientUuid, roleId);
    if (parent) without(parent);
  }
  return { deletes, updates };
}

/** Deleting one role: its dependents first (rolesRemoval), then the role and its name, with the event. */
export async function roleRemoval(store: Store, realm: RealmConfig, role: RoleRecord): Promise<Cascade> {
  const { deletes, updates } = await rolesRemoval(store, realm, [role]);
  const sentinel = roleNameKey(realm.realm.id, role.clientUuid ?? realm.realm.id, role.rep.name);
  const final: TransactWrite[] = [
    // Condition: the role is still there, so of two concurrent deletes one reports 404.
    { kind: 'delete', key: roleKeyOf(role), mustExist: true, onConflict: () => new AdminNotFound('Could not find role') },
    { kind: 'delete', key: sentinel },
  ];
  return { deletes: deletes.filter((key) => key.pk !== sentinel.pk), updates, final };
}
