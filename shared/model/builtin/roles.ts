/*
 * The realm roles Keycloak 26 creates in every new realm, and the admin role names every realm's admin
 * clients carry. Mirrors:
 *   server-spi/src/main/java/org/keycloak/models/AdminRoles.java (ALL_REALM_ROLES, the 26.7 list with the
 *     organization roles)
 *   server-spi/src/main/java/org/keycloak/models/ImpersonationConstants.java (impersonation)
 *   server-spi/src/main/java/org/keycloak/models/Constants.java (DEFAULT_ROLES_ROLE_PREFIX, OFFLINE_ACCESS_ROLE)
 *   server-spi-private/src/main/java/org/keycloak/models/utils/KeycloakModelUtils.java
 *     (setupDefaultRole, setupOfflineRole, setupAuthorizationServices: uma_authorization)
 *   services/src/main/java/org/keycloak/services/managers/RealmManager.java
 *     (createMasterAdminManagement: admin and create-realm; addQueryCompositeRoles)
 *   model/.../migration/migrators/MigrateTo26_7_0.java (view-, manage-, query-organizations arrive in 26.7)
 * Cross-checked against a live Keycloak 26.7.1: master-realm carries 21 roles, master's admin is
 * composite over those 21 plus create-realm, and each new realm adds 21 more.
 */
import type { RoleRepresentation } from '../role.js';

export const OFFLINE_ACCESS_ROLE = 'offline_access';
export const UMA_AUTHORIZATION_ROLE = 'uma_authorization';
/** Master only: the role of the server administrator. */
export const ADMIN_ROLE = 'admin';
/** Master only: may create realms. */
export const CREATE_REALM_ROLE = 'create-realm';
/** realm-management's composite over every other realm-management role (not in master). */
export const REALM_ADMIN_ROLE = 'realm-admin';
export const IMPERSONATION_ROLE = 'impersonation';
/** The admin client of a realm's own administration (non-master realms). */
export const REALM_MANAGEMENT_CLIENT_ID = 'realm-management';

/** AdminRoles.ALL_REALM_ROLES in Keycloak 26.7's order. */
export const realmAdminRoleNames: readonly string[] = [
  'create-client',
  'view-realm',
  'view-users',
  'view-clients',
  'view-events',
  'view-identity-providers',
  'view-authorization',
  'view-organizations',
  'manage-realm',
  'manage-users',
  'manage-clients',
  'manage-events',
  'manage-identity-providers',
  'manage-authorization',
  'manage-organizations',
  'query-users',
  'query-clients',
  'query-realms',
  'query-groups',
  'query-organizations',
];

/**
 * The roles on every admin client (realm-management, master-realm, {realm}-realm): ALL_REALM_ROLES, then
 * impersonation, which ImpersonationConstants adds after them. 21 in all.
 */
export const adminClientRoleNames: readonly string[] = [...realmAdminRoleNames, IMPERSONATION_ROLE];

/**
 * Composites among the admin roles (RealmManager.addQueryCompositeRoles, MigrateTo26_7_0): each view-
 * role includes the query- roles that back it. Every other admin role is a plain role.
 */
export const adminRoleComposites: Readonly<Record<string, readonly string[]>> = {
  'view-users': ['query-users', 'query-groups'],
  'view-clients': ['query-clients'],
  'view-organizations': ['query-organizations'],
};

/**
 * KeycloakModelUtils.getMasterRealmAdminManagementClientId: the client in master that holds the rights to
 * administer `realmName` ("master-realm" for master itself).
 */
export function masterAdminClientId(realmName: string): string {
  return `${realmName}-realm`;
}

/**
 * The default role's name: Constants.DEFAULT_ROLES_ROLE_PREFIX + "-" + the lower-cased realm name
 * (RealmManager.createRealm; String.toLowerCase, which for realm names is what JavaScript's does).
 */
export function defaultRolesName(realmName: string): string {
  return `default-roles-${realmName.toLowerCase()}`;
}

/** What the default role contains in a new realm: two realm roles and two of the account client's. */
export const defaultRoleComposites = {
  realm: [OFFLINE_ACCESS_ROLE, UMA_AUTHORIZATION_ROLE],
  client: { account: ['view-profile', 'manage-account'] },
} as const;

function realmRole(
  newId: () => string,
  realmId: string | undefined,
  name: string,
  description: string,
  composites?: RoleRepresentation['composites'],
): RoleRepresentation {
  const role: RoleRepresentation = { id: newId(), name, description, composite: composites !== undefined };
  if (composites) role.composites = composites;
  role.clientRole = false;
  if (realmId !== undefined) role.containerId = realmId;
  role.attributes = {};
  return role;
}

/**
 * The realm roles of a new realm, in Keycloak's creation order: the default role, in master the admin
 * and create-realm roles, then offline_access and uma_authorization. Descriptions are theme message keys;
 * note offline_access's is "${role_offline-access}" with a hyphen and the default role's carries no
 * realm name.
 *
 * In master, `admin` is given here with the composites master has when it is created: create-realm and
 * the roles of master-realm. Each realm created later adds masterAdminCompositesFor(realm) to it.
 */
export function builtinRealmRoles(
  realmName: string,
  isMaster: boolean,
  newId: () => string,
  realmId?: string,
): RoleRepresentation[] {
  const roles = [
    realmRole(newId, realmId, defaultRolesName(realmName), '${role_default-roles}', {
      realm: [...defaultRoleComposites.realm],
      client: { account: [...defaultRoleComposites.client.account] },
    }),
  ];
  if (isMaster) {
    roles.push(
      realmRole(newId, realmId, ADMIN_ROLE, '${role_admin}', {
        realm: [CREATE_REALM_ROLE],
        client: masterAdminCompositesFor(realmName),
      }),
      realmRole(newId, realmId, CREATE_REALM_ROLE, '${role_create-realm}'),
    );
  }
  roles.push(
    realmRole(newId, realmId, OFFLINE_ACCESS_ROLE, '${role_offline-access}'),
    realmRole(newId, realmId, UMA_AUTHORIZATION_ROLE, '${role_uma_authorization}'),
  );
  return roles;
}

/**
 * The client-role composites master's `admin` role gains when `realmName` is created
 * (RealmManager.createMasterAdminManagement, ImpersonationConstants.setupMasterRealmRole): every role of
 * that realm's {realm}-realm client in master.
 */
export function masterAdminCompositesFor(realmName: string): Record<string, string[]> {
  return { [masterAdminClientId(realmName)]: [...adminClientRoleNames] };
}

/**
 * The roles of an admin client (realm-management or a {realm}-realm client in master), in Keycloak's
 * creation order. realm-management also has realm-admin, created first and composite over the rest.
 */
export function adminClientRoles(
  clientId: string,
  clientUuid: string,
  withRealmAdmin: boolean,
  newId: () => string,
): RoleRepresentation[] {
  const names = withRealmAdmin ? [REALM_ADMIN_ROLE, ...adminClientRoleNames] : [...adminClientRoleNames];
  return names.map((name) => {
    const children = name === REALM_ADMIN_ROLE ? adminClientRoleNames : adminRoleComposites[name];
    return clientRole(newId, clientUuid, name, children ? { client: { [clientId]: [...children] } } : undefined);
  });
}

/** A client role: description "${role_<name>}", as every client role Keycloak creates has. */
export function clientRole(
  newId: () => string,
  clientUuid: string,
  name: string,
  composites?: RoleRepresentation['composites'],
): RoleRepresentation {
  const role: RoleRepresentation = {
    id: newId(),
    name,
    description: `\${role_${name}}`,
    composite: composites !== undefined,
  };
  if (composites) role.composites = composites;
  role.clientRole = true;
  role.containerId = clientUuid;
  role.attributes = {};
  return role;
}
