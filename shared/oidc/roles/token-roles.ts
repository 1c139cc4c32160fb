import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientScopeRecord } from '../../store/client-scopes.js';
import type { ClientConfig } from '../../store/clients.js';
import type { GroupRecord } from '../../store/groups.js';
import type { RoleRecord, RoleRef } from '../../store/roles.js';
import type { UserData } from '../../store/users.js';
import { roleRefOf, type RoleResolver } from './role-resolver.js';

/** Role names as tokens carry them: realm roles, and client roles by clientId. */
export interface TokenRoles {
  readonly realm: Set<string>;
  readonly clients: Map<string, Set<string>>;
}

/**
 * The user's roles a token may carry (Keycloak's TokenManager.getAccess): every role the user has —
 * direct mappings and those of each group and its ancestors, composites expanded — limited, when the
 * client's fullScopeAllowed is off, to the client's own roles plus the role scope mappings of the
 * client and of the applied client scopes (also expanded).
 */
export async function tokenRoleRecords(
  resolver: RoleResolver,
  realm: RealmConfig,
  client: ClientConfig,
  user: UserData,
  groups: readonly GroupRecord[],
  scopes: readonly ClientScopeRecord[],
): Promise<RoleRecord[]> {
  const userRefs: RoleRef[] = [...user.roleMappings.map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId }))];
  for (const group of groups) userRefs.push(...group.roleMappings);
  const userRoles = await resolver.expand(userRefs);
  if (client.client.rep.fullScopeAllowed !== false) return userRoles;

  const scopeIds = new Set(scopes.map((scope) => scope.rep.id));
  const allowedRefs: RoleRef[] = [
    ...client.roles.map(roleRefOf),
    ...client.roleScopes.map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId })),
    ...realm.scopeRoleMappings
      .filter((mapping) => scopeIds.has(mapping.scopeId))
      .map(({ roleId, clientUuid }) => (clientUuid ? { roleId, clientUuid } : { roleId })),
  ];
  const allowed = new Set((await resolver.expand(allowedRefs)).map((role) => role.rep.id));
  return userRoles.filter((role) => allowed.has(role.rep.id));
}

/** Groups role records by realm / clientId for the role mappers. */
export async function tokenRolesOf(roles: readonly RoleRecord[], clientIdOf: (clientUuid: string) => Promise<string | undefined>): Promise<TokenRoles> {
  const result: TokenRoles = { realm: new Set(), clients: new Map() };
  for (const role of roles) {
    if (!role.clientUuid) {
      result.realm.add(role.rep.name);
      continue;
    }
    const clientId = await clientIdOf(role.clientUuid);
    if (!clientId) continue;
    let names = result.clients.get(clientId);
    if (!names) result.clients.set(clientId, (names = new Set()));
    names.add(role.rep.name);
  }
  return result;
}
