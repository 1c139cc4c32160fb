/**
 * KeycloakModelUtils.parseRole, used by the hardcoded role and role name mappers: "myapp.myrole" is
 * client "myapp"'s role "myrole", split at the last dot (so a client id may contain dots, a role name
 * may not); no dot means a realm role.
 */
export function parseRole(role: string): { clientId?: string; roleName: string } {
  const dot = role.lastIndexOf('.');
  return dot < 0 ? { roleName: role } : { clientId: role.slice(0, dot), roleName: role.slice(dot + 1) };
}
