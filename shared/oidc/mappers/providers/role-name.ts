import { always } from '../include.js';
import { PRIORITY, type ProtocolMapper, type TokenCategory } from '../mapper.js';
import { parseRole } from '../parse-role.js';

/**
 * Keycloak's RoleNameMapper ("Role Name Mapper"): when the user has `role` ("realmRole" or
 * "clientId.clientRole"), it is removed and `new.role.name` added instead — "newname" as a realm role,
 * "myapp.newname" as client myapp's role. Runs first of the role mappers (PRIORITY_ROLE_NAMES_MAPPER),
 * for the access token, userinfo and introspection, regardless of the include switches.
 */
export const roleNameMapper: ProtocolMapper = {
  providerId: 'oidc-role-name-mapper',
  priority: PRIORITY.roleNames,
  categories: new Set<TokenCategory>(['access', 'userinfo', 'introspection']),
  includes: always,
  transformRoles(mapper, ctx) {
    const role = mapper.config['role'];
    const newName = mapper.config['new.role.name'];
    if (role === undefined || newName === undefined) return;
    const from = parseRole(role);
    const held = from.clientId === undefined ? ctx.roles.realm : ctx.roles.clients.get(from.clientId);
    if (!held?.delete(from.roleName)) return;
    const to = parseRole(newName);
    if (to.clientId === undefined) {
      ctx.roles.realm.add(to.roleName);
      return;
    }
    const target = ctx.roles.clients.get(to.clientId) ?? new Set<string>();
    target.add(to.roleName);
    ctx.roles.clients.set(to.clientId, target);
  },
};
