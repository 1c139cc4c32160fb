import type { RealmConfig } from '../../realm/realm-config.js';
import { isServiceAccountUser } from '../../realm/service-account-user.js';
import { clientRoleScopeItem } from '../../store/clients.js';
import { groupRoleMappingItem } from '../../store/groups.js';
import { clientRoleScopeKey, groupRoleMappingKey, roleScopeClientListing, scopeRoleMappingKey, userRoleMappingKey } from '../../store/keys.js';
import { roleRefOf, type RoleRecord, type RoleRef } from '../../store/roles.js';
import type { TransactWrite } from '../../store/store.js';
import { userRoleMappingItem, UsersRepository } from '../../store/users.js';
import type { AdminRequest } from '../admin-request.js';
import { clientAt } from '../clients/client-access.js';
import { clientScopeAt } from '../client-scopes/client-scope-access.js';
import { AdminForbidden, AdminNotFound } from '../errors.js';
import { groupAt } from '../groups/group-access.js';
import { roleResolver } from '../roles/resolve-roles.js';
import type { AdminRight } from '../permissions.js';

/** Whether the holder has a role (composites and inheritance included). */
export type RoleTest = (role: RoleRecord) => boolean;

/**
 * Something roles are mapped to: a user or group (Keycloak's RoleMapperModel) or a client or client
 * scope (ScopeContainerModel, its "scope mappings"), with the rights Keycloak's resource checks.
 */
export interface MappingHolder {
  readonly realm: RealmConfig;
  readonly direct: readonly RoleRef[];
  readonly viewRight: AdminRight;
  readonly manageRight: AdminRight;
  /**
   * Realm configuration (groups, clients, client scopes) bumps configVersion; user data does not,
   * except a service-account user's, cached with its client (RealmDirectory.serviceAccount).
   */
  readonly config: boolean;
  /** RoleMapperModel.hasRole / ScopeContainerModel.hasScope. */
  has(): Promise<RoleTest>;
  /** RoleUtils.getDeepRoleMappings (client composite of users and groups): groups count only their own. */
  deep(): Promise<RoleTest>;
  write(role: RoleRef, mapped: boolean): TransactWrite;
}

const refOf = ({ roleId, clientUuid }: RoleRef): RoleRef => (clientUuid ? { roleId, clientUuid } : { roleId });

async function expanded(request: AdminRequest, realm: RealmConfig, refs: readonly RoleRef[]): Promise<RoleTest> {
  const ids = new Set((await roleResolver(realm, await request.directory()).expand(refs)).map((role) => role.rep.id));
  return (role) => ids.has(role.rep.id);
}

/** users/{id}: 404 "User not found" for callers who may query users, 403 for others (UsersResource.user). */
export async function userHolder(request: AdminRequest): Promise<MappingHolder> {
  const realm = await request.realm();
  const realmId = realm.realm.id;
  const user = await new UsersRepository(request.store).load(realmId, request.params['id'] ?? '');
  if (!user) {
    if (await request.has('query-users')) throw new AdminNotFound('User not found');
    throw new AdminForbidden();
  }
  const userId = user.user.rep.id;
  const direct = user.roleMappings.map(refOf);
  const all = async () => {
    const groups = await (await request.directory()).groupsWithAncestors(user.groupIds);
    return expanded(request, realm, [...direct, ...groups.flatMap((group) => group.roleMappings)]);
  };
  return {
    realm,
    direct,
    viewRight: 'view-users',
    manageRight: 'manage-users',
    config: isServiceAccountUser(user.user.rep),
    has: all,
    deep: all,
    write: (role, mapped) =>
      mapped ? { kind: 'put', item: userRoleMappingItem(realmId, userId, refOf(role)) } : { kind: 'delete', key: userRoleMappingKey(realmId, userId, role.roleId) },
  };
}

/** groups/{id}: members inherit the roles of every ancestor group (GroupModel.hasRole). */
export async function groupHolder(request: AdminRequest): Promise<MappingHolder> {
  const { realm, group } = await groupAt(request);
  const realmId = realm.realm.id;
  const direct = group.roleMappings.map(refOf);
  return {
    realm,
    direct,
    viewRight: 'view-users',
    manageRight: 'manage-users',
    config: true,
    async has() {
      const lineage = await (await request.directory()).groupsWithAncestors([group.rep.id]);
      return expanded(request, realm, [...direct, ...lineage.filter((each) => each.rep.id !== group.rep.id).flatMap((each) => each.roleMappings)]);
    },
    deep: () => expanded(request, realm, direct),
    write: (role, mapped) =>
      mapped ? { kind: 'put', item: groupRoleMappingItem(realmId, group.rep.id, refOf(role)) } : { kind: 'delete', key: groupRoleMappingKey(realmId, group.rep.id, role.roleId) },
  };
}

/**
 * clients/{id}: the roles its tokens may carry when fullScopeAllowed is off (ClientModel.hasScope:
 * everything with full scope; else its scope mappings and its own roles, composites expanded).
 */
export async function clientScopeHolder(request: AdminRequest): Promise<MappingHolder> {
  const { realm, client } = await clientAt(request);
  const realmId = realm.realm.id;
  const clientUuid = client.client.rep.id;
  const direct = client.roleScopes.map(refOf);
  const has = async (): Promise<RoleTest> =>
    client.client.rep.fullScopeAllowed !== false ? () => true : expanded(request, realm, [...direct, ...client.roles.map(roleRefOf)]);
  return {
    realm,
    direct,
    viewRight: 'view-clients',
    manageRight: 'manage-clients',
    config: true,
    has,
    deep: has,
    write: (role, mapped) =>
      mapped
        ? { kind: 'put', item: { ...clientRoleScopeItem(realmId, clientUuid, refOf(role)), ...roleScopeClientListing(realmId, role.roleId, clientUuid) } }
        : { kind: 'delete', key: clientRoleScopeKey(realmId, clientUuid, role.roleId) },
  };
}

/** client-scopes/{id}: the roles the scope lets tokens carry (ClientScopeModel.hasScope). */
export async function scopeHolder(request: AdminRequest): Promise<MappingHolder> {
  const { realm, scope } = await clientScopeAt(request);
  const realmId = realm.realm.id;
  const scopeId = scope.rep.id;
  const direct = realm.scopeRoleMappings.filter((mapping) => mapping.scopeId === scopeId).map(refOf);
  const has = () => expanded(request, realm, direct);
  return {
    realm,
    direct,
    viewRight: 'view-clients',
    manageRight: 'manage-clients',
    config: true,
    has,
    deep: has,
    write: (role, mapped) =>
      mapped
        ? { kind: 'put', item: { ...scopeRoleMappingKey(realmId, scopeId, role.roleId), entity: 'ScopeRoleMapping', scopeId, ...refOf(role) } }
        : { kind: 'delete', key: scopeRoleMappingKey(realmId, scopeId, role.roleId) },
  };
}
