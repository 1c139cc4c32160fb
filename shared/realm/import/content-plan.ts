import { randomUUID } from 'node:crypto';
import { withoutNulls } from '../../admin/protocol-mappers/mapper-representation.js';
import { defaultRolesName } from '../../model/builtin/index.js';
import type { ClientRepresentation } from '../../model/client.js';
import type { ClientScopeRepresentation } from '../../model/client-scope.js';
import type { RoleRepresentation } from '../../model/role.js';
import { builtinRealmContent } from '../builtin-realm-content.js';
import { OIDC_PROTOCOL } from '../create-client.js';
import type { RealmContent } from '../realm-content.js';
import { InvalidRealmError } from '../realm-errors.js';
import { importedClient, importedMapper } from './client-defaults.js';
import { RoleCatalog } from './role-catalog.js';
import type { RealmInput } from './realm-schema.js';

type Role = RoleRepresentation & { id: string };
type Scope = ClientScopeRepresentation & { id: string };
type ClientEntry = { client: ClientRepresentation & { id: string }; roles: Role[]; serviceAccountUserId?: string };

/** What an import creates besides the realm item, and the name of its default role. */
export interface ContentPlan {
  readonly content: RealmContent;
  readonly defaultRoleName: string;
  /** Role names by container, after the roles Keycloak creates for dangling references were added. */
  readonly roles: RoleCatalog;
}

/**
 * The realm's content as Keycloak's import leaves it (RealmManager.importRealm with
 * DefaultExportImportManager.importRealm): the file's client scopes, or Keycloak's built-in ones when
 * the file has none; the file's clients plus each built-in client the file lacks (matched by clientId:
 * account, account-console, admin-cli, broker, realm-management, security-admin-console); the file's
 * realm roles plus offline_access, uma_authorization and the default role when missing; the file's
 * scope mappings. Roles named by users, groups or scope mappings but defined nowhere are created, as
 * Keycloak's import does; a composite naming a missing role, or a mapping naming a missing client, is
 * refused (400) before anything is written.
 */
export function planContent(realmId: string, realmName: string, rep: RealmInput): ContentPlan {
  const builtin = builtinRealmContent(realmId, realmName, false);
  const fileScopes = rep.clientScopes ?? undefined;
  const clientScopes: Scope[] = fileScopes ? fileScopes.map(importedScope) : [...builtin.clientScopes];
  unique(clientScopes.map((scope) => scope.name), (name) => `Client Scope ${name} already exists`);
  const scopeNames = new Set(clientScopes.map((scope) => scope.name));
  const known = (names: readonly string[] | null | undefined) => (names ?? []).filter((name) => scopeNames.has(name));
  const defaultScopes = rep.defaultDefaultClientScopes != null ? known(rep.defaultDefaultClientScopes) : fileScopes ? [] : [...builtin.defaultScopes];
  const optionalScopes = rep.defaultOptionalClientScopes != null ? known(rep.defaultOptionalClientScopes) : fileScopes ? [] : [...builtin.optionalScopes];

  const clients = planClients(rep, builtin, clientScopes, defaultScopes, optionalScopes);
  const defaultRoleName = rep.defaultRole?.name ?? defaultRolesName(realmName);
  const realmRoles = planRealmRoles(rep, builtin, defaultRoleName);
  const roles = new RoleCatalog(realmRoles, clients);
  const standardDefaultRole = !rep.defaultRole && !(rep.roles?.realm ?? []).some((role) => role.name === defaultRoleName);
  // Keycloak's default role holds the account roles only when it made the account client itself.
  if (standardDefaultRole) roles.keepResolvable(defaultRoleName);
  addLegacyDefaultRoles(rep, roles, defaultRoleName);
  roles.createReferenced(rep);
  roles.checkComposites();

  const fromBuiltinScopes = !fileScopes;
  const scopeRoleMappings = fromBuiltinScopes ? [...builtin.scopeRoleMappings] : [];
  const clientRealmRoleScopes: { client: string; roles: string[] }[] = [];
  for (const mapping of rep.scopeMappings ?? []) {
    const names = (mapping.roles ?? []).map((name) => name.trim());
    if (mapping.clientScope) {
      if (!scopeNames.has(mapping.clientScope)) throw new InvalidRealmError(`Unknown clientScope specification in scope mappings: ${mapping.clientScope}`);
      scopeRoleMappings.push({ clientScope: mapping.clientScope, roles: names });
    } else if (mapping.client) {
      clientRealmRoleScopes.push({ client: mapping.client, roles: names });
    } else throw new InvalidRealmError('Either client or clientScope needs to be specified in scope mappings');
  }
  const fileClients = new Set((rep.clients ?? []).map((client) => client.clientId));
  const clientRoleScopes: { client: string; roles: Record<string, string[]> }[] = builtin.clientRoleScopes
    .filter((scope) => !fileClients.has(scope.client))
    .map((scope) => ({ client: scope.client, roles: Object.fromEntries(Object.entries(scope.roles).map(([k, names]) => [k, [...names]])) }));
  const scopeClientRoleMappings: { clientScope: string; roles: Record<string, string[]> }[] = [];
  for (const [roleClient, mappings] of Object.entries(rep.clientScopeMappings ?? {})) {
    for (const mapping of mappings) {
      const names = (mapping.roles ?? []).map((name) => name.trim());
      if (mapping.client) clientRoleScopes.push({ client: mapping.client, roles: { [roleClient]: names } });
      else if (mapping.clientScope) {
        if (!scopeNames.has(mapping.clientScope)) throw new InvalidRealmError(`Unknown clientScope specification in scope mappings: ${mapping.clientScope}`);
        scopeClientRoleMappings.push({ clientScope: mapping.clientScope, roles: { [roleClient]: names } });
      } else throw new InvalidRealmError('Either client or clientScope needs to be specified in scope mappings');
    }
  }
  return {
    content: {
      clientScopes,
      defaultScopes,
      optionalScopes,
      realmRoles: roles.realmRoles(),
      clients: roles.clientEntries(),
      scopeRoleMappings,
      clientRoleScopes,
      clientRealmRoleScopes,
      scopeClientRoleMappings,
    },
    defaultRoleName,
    roles,
  };
}

function importedScope(input: NonNullable<RealmInput['clientScopes']>[number]): Scope {
  const given = withoutNulls(input);
  if (!given.name) throw new InvalidRealmError('A client scope in the realm has no name');
  return {
    id: given.id ?? randomUUID(),
    name: given.name,
    ...(given.description !== undefined ? { description: given.description } : {}),
    protocol: given.protocol ?? OIDC_PROTOCOL,
    attributes: Object.fromEntries(Object.entries(given.attributes ?? {}).filter((entry): entry is [string, string] => entry[1] !== null)),
    protocolMappers: (given.protocolMappers ?? []).map(importedMapper),
  };
}

/**
 * The file's clients with their roles (RolesRepresentation.client by clientId), then each built-in
 * client the file lacks. A client that names neither default nor optional scopes gets the realm's of
 * its protocol, as RepresentationToModel.createClient gives them.
 */
function planClients(rep: RealmInput, builtin: RealmContent, scopes: Scope[], defaults: string[], optionals: string[]): ClientEntry[] {
  const clientRoles = rep.roles?.client ?? {};
  const entries: ClientEntry[] = [];
  for (const input of rep.clients ?? []) {
    const client = importedClient(input);
    if (client.defaultClientScopes === undefined && client.optionalClientScopes === undefined) {
      const protocol = client.protocol ?? OIDC_PROTOCOL;
      const ofProtocol = new Set(scopes.filter((scope) => (scope.protocol ?? OIDC_PROTOCOL) === protocol).map((scope) => scope.name));
      client.defaultClientScopes = defaults.filter((name) => ofProtocol.has(name));
      client.optionalClientScopes = optionals.filter((name) => ofProtocol.has(name));
    }
    entries.push({ client, roles: (clientRoles[client.clientId] ?? []).map((role) => importedRole(role, client.id)) });
  }
  unique(entries.map((entry) => entry.client.clientId), (clientId) => `Client ${clientId} already exists`);
  const present = new Set(entries.map((entry) => entry.client.clientId));
  for (const { client, roles } of builtin.clients) {
    if (present.has(client.clientId)) continue;
    // Roles the file gives a built-in client it left out replace the built-in ones of the same name.
    const given = (clientRoles[client.clientId] ?? []).map((role) => importedRole(role, client.id));
    const names = new Set(given.map((role) => role.name));
    entries.push({ client: { ...client }, roles: [...roles.filter((role) => !names.has(role.name)), ...given] });
  }
  for (const clientId of Object.keys(clientRoles)) {
    if (!entries.some((entry) => entry.client.clientId === clientId)) throw new InvalidRealmError(`App doesn't exist in role definitions: ${clientId}`);
  }
  return entries;
}

/** The file's realm roles, then the default role, offline_access and uma_authorization if it lacks them. */
function planRealmRoles(rep: RealmInput, builtin: RealmContent, defaultRoleName: string): Role[] {
  const roles = (rep.roles?.realm ?? []).map((role) => importedRole(role));
  unique(roles.map((role) => role.name), (name) => `Role with name ${name} already exists`);
  const names = new Set(roles.map((role) => role.name));
  if (!names.has(defaultRoleName)) {
    const given = rep.defaultRole ? importedRole(rep.defaultRole) : undefined;
    const standard = builtin.realmRoles.find((role) => role.name.startsWith('default-roles-'))!;
    roles.unshift(given ? { ...given, composites: given.composites ?? {} } : { ...standard, name: defaultRoleName });
  }
  for (const role of builtin.realmRoles) {
    if (!role.name.startsWith('default-roles-') && !names.has(role.name)) roles.push({ ...role });
  }
  return roles;
}

export function importedRole(input: NonNullable<NonNullable<RealmInput['roles']>['realm']>[number], clientUuid?: string): Role {
  const given = withoutNulls(input);
  if (!given.name) throw new InvalidRealmError('A role in the realm has no name');
  const composites = given.composites ? withoutNulls(given.composites) : undefined;
  return {
    id: given.id ?? randomUUID(),
    name: given.name,
    ...(given.description !== undefined ? { description: given.description } : {}),
    ...(composites ? { composites: { realm: composites.realm ?? [], client: composites.client ?? {} } } : {}),
    clientRole: clientUuid !== undefined,
    attributes: Object.fromEntries(Object.entries(given.attributes ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== null)),
  };
}

/**
 * DefaultExportImportManager.convertDeprecatedDefaultRoles: a file without `defaultRole` may list the
 * pre-13 `defaultRoles` (realm) and clients' `defaultRoles`; they become the default role's composites.
 */
function addLegacyDefaultRoles(rep: RealmInput, roles: RoleCatalog, defaultRoleName: string): void {
  if (rep.defaultRole) return;
  for (const name of rep.defaultRoles ?? []) roles.addComposite(defaultRoleName, { realm: name.trim() });
  for (const client of rep.clients ?? []) {
    for (const name of client.defaultRoles ?? []) roles.addComposite(defaultRoleName, { client: client.clientId!, name: name.trim() });
  }
}

function unique(names: readonly string[], message: (name: string) => string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new DuplicateInRealmError(message(name));
    seen.add(name);
  }
}

/** Two entries of the file claim one name: Keycloak's ModelDuplicateException (409). */
export class DuplicateInRealmError extends Error {
  override readonly name = 'DuplicateInRealmError';
}
