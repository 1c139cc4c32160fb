/*
 * The clients Keycloak 26 creates in every new realm, with their client roles. Mirrors:
 *   services/src/main/java/org/keycloak/services/managers/RealmManager.java (setupAccountManagement,
 *     setupBrokerService, setupAdminConsole, setupAdminConsoleLocaleMapper, setupAdminCli,
 *     setupRealmAdminManagement, createMasterAdminManagement, addQueryCompositeRoles)
 *   server-spi-private/src/main/java/org/keycloak/models/utils/KeycloakModelUtils.java (createPublicClient,
 *     createManagementClient: bearer-only; setupDeleteAccount)
 *   server-spi/src/main/java/org/keycloak/models/{AccountRoles,AdminRoles,Constants,ImpersonationConstants}.java
 *   server-spi-private/src/main/java/org/keycloak/models/utils/DefaultClientScopes.java (the realm's default
 *     and optional scopes given to the clients that exist when the scopes are created)
 * Field values cross-checked against GET /admin/realms/{realm}/clients on a live Keycloak 26.7.1 (realm
 * created through POST /admin/realms, and master) and 26.x realm exports; the field order is Keycloak's.
 */
import type { ClientRepresentation } from '../client.js';
import type { RoleRepresentation } from '../role.js';
import { defaultClientScopesFor, optionalClientScopesFor } from './client-scopes.js';
import { OIDC, audienceResolveMapper, localeMapper, withMapperIds, type BuiltinMapper } from './mappers.js';
import { REALM_MANAGEMENT_CLIENT_ID, adminClientRoles, clientRole, masterAdminClientId } from './roles.js';

export interface BuiltinClient {
  client: ClientRepresentation;
  roles: RoleRepresentation[];
}

/** Constants.ACCOUNT_MANAGEMENT_CLIENT_ID and friends. */
export const ACCOUNT_CLIENT_ID = 'account';
export const ACCOUNT_CONSOLE_CLIENT_ID = 'account-console';
export const ADMIN_CLI_CLIENT_ID = 'admin-cli';
export const BROKER_CLIENT_ID = 'broker';
export const ADMIN_CONSOLE_CLIENT_ID = 'security-admin-console';
/** Constants.AUTH_BASE_URL_PROP / AUTH_ADMIN_URL_PROP: placeholders resolved against the request's base URL. */
export const AUTH_BASE_URL = '${authBaseUrl}';
export const AUTH_ADMIN_URL = '${authAdminUrl}';

/**
 * The account client's roles (AccountRoles) in creation order: the two defaults every user gets through
 * the default role, then the rest. manage-account includes manage-account-links and manage-consent
 * includes view-consent; delete-account (KeycloakModelUtils.setupDeleteAccount) is created but given to
 * nobody.
 */
export const accountRoleNames: readonly string[] = [
  'view-profile',
  'manage-account',
  'manage-account-links',
  'view-applications',
  'view-consent',
  'manage-consent',
  'view-groups',
  'delete-account',
];
const accountRoleComposites: Readonly<Record<string, readonly string[]>> = {
  'manage-account': ['manage-account-links'],
  'manage-consent': ['view-consent'],
};

/** Constants.BROKER_SERVICE_ROLES: lets a user read tokens stored from identity providers. */
export const brokerRoleNames: readonly string[] = ['read-token'];

/**
 * Client-level role scope mappings of the built-in clients (RealmRepresentation.clientScopeMappings):
 * account-console (fullScopeAllowed off) may put these account roles in its tokens.
 */
export const builtinClientScopeMappings: readonly { client: string; roles: Readonly<Record<string, readonly string[]>> }[] = [
  { client: ACCOUNT_CONSOLE_CLIENT_ID, roles: { [ACCOUNT_CLIENT_ID]: ['manage-account', 'view-groups'] } },
];

interface ClientSpec {
  clientId: string;
  name: string;
  rootUrl?: string;
  baseUrl?: string;
  redirectUris?: string[];
  webOrigins?: string[];
  bearerOnly?: boolean;
  standardFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  publicClient?: boolean;
  /** The master admin clients are created without a protocol, and Keycloak shows none. */
  protocol?: string;
  attributes: Record<string, string>;
  fullScopeAllowed: boolean;
  mappers?: BuiltinMapper[];
  /** Which client roles Keycloak gives it: the account roles, broker's, or the admin roles. */
  roleSet?: 'account' | 'broker' | 'realm-management' | 'master-admin';
  /** Undefined: the realm's scopes for the protocol, as clients existing at scope creation get them. */
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
}

/** A client with KeycloakModelUtils.createClient's defaults, keys in the order Keycloak's JSON has them. */
function buildClient(spec: ClientSpec, newId: () => string): ClientRepresentation {
  const client: ClientRepresentation = { id: newId(), clientId: spec.clientId, name: spec.name };
  if (spec.rootUrl !== undefined) client.rootUrl = spec.rootUrl;
  if (spec.baseUrl !== undefined) client.baseUrl = spec.baseUrl;
  Object.assign(client, {
    surrogateAuthRequired: false,
    enabled: true,
    alwaysDisplayInConsole: false,
    clientAuthenticatorType: 'client-secret',
    redirectUris: [...(spec.redirectUris ?? [])],
    webOrigins: [...(spec.webOrigins ?? [])],
    notBefore: 0,
    bearerOnly: spec.bearerOnly ?? false,
    consentRequired: false,
    standardFlowEnabled: spec.standardFlowEnabled ?? true,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: spec.directAccessGrantsEnabled ?? false,
    serviceAccountsEnabled: false,
    publicClient: spec.publicClient ?? false,
    frontchannelLogout: false,
  });
  if (spec.protocol !== undefined) client.protocol = spec.protocol;
  client.attributes = { ...spec.attributes };
  client.authenticationFlowBindingOverrides = {};
  client.fullScopeAllowed = spec.fullScopeAllowed;
  client.nodeReRegistrationTimeout = 0;
  if (spec.mappers) client.protocolMappers = withMapperIds(spec.mappers, newId);
  client.defaultClientScopes = spec.defaultClientScopes ?? defaultClientScopesFor(OIDC);
  client.optionalClientScopes = spec.optionalClientScopes ?? optionalClientScopesFor(OIDC);
  return client;
}

/**
 * Keycloak's Encode.encodePathAsIs, which RealmManager applies to the realm name in the account and admin
 * console URLs: characters allowed in a path stay, "%XX" escapes stay, anything else is percent-encoded
 * as UTF-8. Realm names cannot hold URL-reserved characters (ReservedCharValidator), so in practice this
 * only touches spaces, quotes and non-ASCII.
 */
export function encodePathAsIs(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(ch)) out += ch;
    else if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(segment.slice(i + 1, i + 3))) out += ch;
    else {
      const code = segment.codePointAt(i) as number;
      const char = String.fromCodePoint(code);
      if (char.length === 2) i++;
      for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** The client specs of a realm in clientId order, the order GET /admin/realms/{realm}/clients lists them. */
function clientSpecs(realmName: string, isMaster: boolean): ClientSpec[] {
  const path = encodePathAsIs(realmName);
  const accountBase = `/realms/${path}/account/`;
  const consoleBase = `/admin/${path}/console/`;
  const adminClient: ClientSpec = isMaster
    ? masterAdminClientSpec(realmName)
    : {
        clientId: REALM_MANAGEMENT_CLIENT_ID,
        name: `\${client_${REALM_MANAGEMENT_CLIENT_ID}}`,
        bearerOnly: true,
        protocol: OIDC,
        attributes: { realm_client: 'true' },
        fullScopeAllowed: false,
        roleSet: 'realm-management',
      };
  return [
    {
      clientId: ACCOUNT_CLIENT_ID,
      name: '${client_account}',
      rootUrl: AUTH_BASE_URL,
      baseUrl: accountBase,
      redirectUris: [`${accountBase}*`],
      publicClient: true,
      protocol: OIDC,
      attributes: { realm_client: 'false', 'post.logout.redirect.uris': '+' },
      fullScopeAllowed: false,
      roleSet: 'account',
    },
    {
      clientId: ACCOUNT_CONSOLE_CLIENT_ID,
      name: '${client_account-console}',
      rootUrl: AUTH_BASE_URL,
      baseUrl: accountBase,
      redirectUris: [`${accountBase}*`],
      publicClient: true,
      protocol: OIDC,
      attributes: { realm_client: 'false', 'post.logout.redirect.uris': '+', 'pkce.code.challenge.method': 'S256' },
      fullScopeAllowed: false,
      mappers: [audienceResolveMapper()],
    },
    {
      clientId: ADMIN_CLI_CLIENT_ID,
      name: '${client_admin-cli}',
      standardFlowEnabled: false,
      directAccessGrantsEnabled: true,
      publicClient: true,
      protocol: OIDC,
      attributes: { realm_client: 'false', 'client.use.lightweight.access.token.enabled': 'true' },
      fullScopeAllowed: true,
    },
    {
      clientId: BROKER_CLIENT_ID,
      name: '${client_broker}',
      bearerOnly: true,
      protocol: OIDC,
      attributes: { realm_client: 'true' },
      fullScopeAllowed: false,
      roleSet: 'broker',
    },
    adminClient,
    {
      clientId: ADMIN_CONSOLE_CLIENT_ID,
      name: '${client_security-admin-console}',
      rootUrl: AUTH_ADMIN_URL,
      baseUrl: consoleBase,
      redirectUris: [`${consoleBase}*`],
      webOrigins: ['+'],
      publicClient: true,
      protocol: OIDC,
      attributes: {
        realm_client: 'false',
        'client.use.lightweight.access.token.enabled': 'true',
        'post.logout.redirect.uris': '+',
        'pkce.code.challenge.method': 'S256',
      },
      fullScopeAllowed: true,
      mappers: [localeMapper()],
    },
  ];
}

/** master-realm or {realm}-realm: bearer-only, prose name, no protocol (createMasterAdminManagement). */
function masterAdminClientSpec(realmName: string): ClientSpec {
  return {
    clientId: masterAdminClientId(realmName),
    name: `${realmName} Realm`,
    bearerOnly: true,
    attributes: { realm_client: 'true' },
    fullScopeAllowed: false,
    roleSet: 'master-admin',
  };
}

function rolesOf(spec: ClientSpec, client: ClientRepresentation, newId: () => string): RoleRepresentation[] {
  const uuid = client.id as string;
  switch (spec.roleSet) {
    case 'account':
      return accountRoleNames.map((name) => {
        const children = accountRoleComposites[name];
        return clientRole(newId, uuid, name, children ? { client: { [client.clientId]: [...children] } } : undefined);
      });
    case 'broker':
      return brokerRoleNames.map((name) => clientRole(newId, uuid, name));
    case 'realm-management':
      return adminClientRoles(client.clientId, uuid, true, newId);
    case 'master-admin':
      return adminClientRoles(client.clientId, uuid, false, newId);
    default:
      return [];
  }
}

/**
 * The six clients a new realm gets, each with its client roles. In master the sixth is master-realm
 * (the admin roles over master itself); elsewhere it is realm-management, which adds realm-admin.
 * The realm's default and optional OIDC scopes are filled in because Keycloak creates the scopes after
 * the clients and hands them to every client that exists at that point.
 */
export function builtinClients(realmName: string, isMaster: boolean, newId: () => string): BuiltinClient[] {
  return clientSpecs(realmName, isMaster).map((spec) => {
    const client = buildClient(spec, newId);
    return { client, roles: rolesOf(spec, client, newId) };
  });
}

/**
 * The {realm}-realm client Keycloak creates IN MASTER when `realmName` is created, with its 21 admin
 * roles (no realm-admin: master's `admin` role takes them instead, see masterAdminCompositesFor).
 * Unlike the clients above it gets no client scopes: master's scopes exist before it does and
 * RealmModel.addClient does not attach them.
 */
export function masterRealmManagementClient(realmName: string, newId: () => string): BuiltinClient {
  const spec: ClientSpec = { ...masterAdminClientSpec(realmName), defaultClientScopes: [], optionalClientScopes: [] };
  const client = buildClient(spec, newId);
  return { client, roles: rolesOf(spec, client, newId) };
}
