import { always } from '../include.js';
import { PRIORITY, type ProtocolMapper, type TokenCategory } from '../mapper.js';
import { parseRole } from '../parse-role.js';

/**
 * Keycloak's HardcodedRole ("Hardcoded Role"): adds `role` ("realmRole" or "clientId.clientRole") to
 * the effective roles, whatever the user holds, before the role mappers write them
 * (PRIORITY_HARDCODED_ROLE_MAPPER). It implements the access token, userinfo and introspection
 * mapper interfaces and ignores the include switches: whether the role shows is up to the role mappers.
 */
export const hardcodedRoleMapper: ProtocolMapper = {
  providerId: 'oidc-hardcoded-role-mapper',
  priority: PRIORITY.hardcodedRole,
  categories: new Set<TokenCategory>(['access', 'userinfo', 'introspection']),
  includes: always,
  transformRoles(mapper, ctx) {
    const role = mapper.config['role'];
    if (role === undefined) return;
    const { clientId, roleName } = parseRole(role);
    if (clientId === undefined) {
      ctx.roles.realm.add(role);
      return;
    }
    const roles = ctx.roles.clients.get(clientId) ?? new Set<string>();
    roles.add(roleName);
    ctx.roles.clients.set(clientId, roles);
  },
};
