/**
 * The realm-management client roles (Keycloak's AdminRoles) and how Keycloak's AdminPermissions
 * read them: a `manage-*` role lets its holder do what the `view-*` role allows, and a `view-*` role
 * what the `query-*` role allows (RealmPermissions/UserPermissions/ClientPermissions: canView() is
 * canManage() || hasRole(view)). `realm-admin` holds every right.
 */
export const adminRights = [
  'view-realm',
  'manage-realm',
  'view-users',
  'manage-users',
  'query-users',
  'query-groups',
  'view-clients',
  'manage-clients',
  'query-clients',
  'create-client',
  'view-events',
  'manage-events',
  'impersonation',
  'view-identity-providers',
  'manage-identity-providers',
  'view-authorization',
  'manage-authorization',
  'query-realms',
] as const;

export type AdminRight = (typeof adminRights)[number];

export const REALM_ADMIN = 'realm-admin';

const grantedBy: Readonly<Record<AdminRight, readonly AdminRight[]>> = {
  'view-realm': ['manage-realm'],
  'manage-realm': [],
  'view-users': ['manage-users'],
  'manage-users': [],
  'query-users': ['view-users', 'manage-users'],
  'query-groups': ['view-users', 'manage-users'],
  'view-clients': ['manage-clients'],
  'manage-clients': [],
  'query-clients': ['view-clients', 'manage-clients'],
  'create-client': ['manage-clients'],
  'view-events': ['manage-events'],
  'manage-events': [],
  impersonation: [],
  'view-identity-providers': ['manage-identity-providers'],
  'manage-identity-providers': [],
  'view-authorization': ['manage-authorization'],
  'manage-authorization': [],
  'query-realms': ['view-realm', 'manage-realm'],
};

/** Whether a holder of these realm-management role names has `right`. */
export function holds(roles: ReadonlySet<string>, right: AdminRight): boolean {
  if (roles.has(REALM_ADMIN) || roles.has(right)) return true;
  return grantedBy[right].some((stronger) => holds(roles, stronger));
}

/** Any realm-management role at all: enough to see the realm exists (Keycloak's requireAnyAdminRole). */
export function holdsAny(roles: ReadonlySet<string>): boolean {
  return roles.has(REALM_ADMIN) || adminRights.some((right) => roles.has(right));
}
