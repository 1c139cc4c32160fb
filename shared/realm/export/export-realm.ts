import { SECRET_MASK } from '../../admin/clients/client-representation.js';
import { exportOnlyFields } from '../../admin/realms/realm-representation.js';
import { listenersAttribute } from '../../events/listeners/realm-json.js';
import { keyProviderType } from '../../model/component.js';
import type { RealmRepresentation } from '../../model/realm.js';
import { ClientsRepository, type ClientConfig, type ClientRecord } from '../../store/clients.js';
import type { ComponentRecord } from '../../store/components.js';
import { clientListingPartition } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import { loadRealmConfig } from '../realm-config.js';
import { exportedClients, exportedClientScopes, exportedRole, exportedRoles, exportedScopeMappings, realmScopeNames } from './export-content.js';
import { exportedGroups, exportedUser, readGroups, readUsers, readUsersById } from './export-members.js';
import { RealmNames } from './realm-names.js';

export interface ExportOptions {
  /** Users with their credentials (full exports). */
  readonly users: boolean;
  readonly clients: boolean;
  /** Without `users`: the clients' service-account users still (partial exports with clients). */
  readonly serviceAccounts: boolean;
  readonly groupsAndRoles: boolean;
  /** false: secrets masked as Keycloak's partial export does (StripSecretsUtils). */
  readonly secrets: boolean;
}

export const fullExport: ExportOptions = { users: true, clients: true, serviceAccounts: true, groupsAndRoles: true, secrets: true };

/** Config entries of components and identity providers that hold secrets (masked in partial exports). */
const SECRET_CONFIG = ['clientSecret', 'secret', 'privateKey', 'bindCredential', 'keystorePassword', 'keyPassword', 'password'];

/**
 * ExportUtils.exportRealm: Keycloak's export format. The realm's settings (including the flows,
 * required actions and identity providers it keeps as given, and its event listeners as the realm
 * attribute shared/events/listeners/realm-json.ts defines), its default role, client scopes and realm
 * default scopes, scope mappings, components — and, as asked, its roles and groups, clients, users.
 * Key provider components are left out: their private keys stay in their custody (a sealed or KMS
 * key cannot be exported), and an import creates new keys where a file brings none, as Keycloak does.
 */
export async function exportRealm(store: Store, realmId: string, options: ExportOptions = fullExport): Promise<RealmRepresentation | undefined> {
  const config = await loadRealmConfig(store, realmId);
  if (!config) return undefined;
  const clients = await readClients(store, realmId);
  const names = new RealmNames(config, clients);
  const settings: Record<string, unknown> = { ...config.realm.rep, id: config.realm.id, realm: config.realm.name };
  const attributes = { ...((config.realm.rep.attributes as Record<string, string> | undefined) ?? {}), ...listenersAttribute(config.eventListeners) };
  settings['attributes'] = attributes;
  const defaultRole = config.realmRoles.find((role) => role.rep.id === (config.realm.rep.defaultRole as { id?: string } | undefined)?.id);
  const groups = await readGroups(store, realmId);
  const rep: Record<string, unknown> = { ...withoutExportOnly(settings) };
  if (options.groupsAndRoles) {
    rep['roles'] = exportedRoles(names);
    rep['groups'] = exportedGroups(names, groups);
  }
  if (defaultRole) {
    const { composites: _composites, attributes: _attributes, ...brief } = exportedRole(names, defaultRole);
    rep['defaultRole'] = brief;
  }
  const defaultGroups = groups.defaultGroupIds.map((id) => groups.groups.get(id)?.rep.path).filter((path): path is string => path !== undefined).sort();
  if (defaultGroups.length > 0) rep['defaultGroups'] = defaultGroups;
  const serviceAccounts = new Set(clients.map((client) => client.client.serviceAccountUserId).filter((id): id is string => Boolean(id)));
  // ExportUtils.exportRealm: every user, or only the exported clients' service accounts (read by id,
  // not by listing the realm's users); `users` is left out when there are none, as Keycloak does.
  if (options.users || options.serviceAccounts) {
    const users = options.users ? await readUsers(store, realmId) : await readUsersById(store, realmId, [...serviceAccounts]);
    if (users.length > 0) rep['users'] = users.map((user) => exportedUser(names, groups, user, options.groupsAndRoles));
  }
  Object.assign(rep, exportedScopeMappings(names, options.clients));
  if (options.clients) rep['clients'] = exportedClients(names);
  rep['clientScopes'] = exportedClientScopes(config);
  rep['defaultDefaultClientScopes'] = realmScopeNames(names, true);
  rep['defaultOptionalClientScopes'] = realmScopeNames(names, false);
  const components = exportedComponents(config.components);
  if (Object.keys(components).length > 0) rep['components'] = components;
  for (const field of exportOnlyFields) if (settings[field] !== undefined) rep[field] = settings[field];
  return options.secrets ? (rep as RealmRepresentation) : stripSecrets(rep);
}

async function readClients(store: Store, realmId: string): Promise<ClientConfig[]> {
  const repository = new ClientsRepository(store);
  const clients: ClientConfig[] = [];
  for await (const item of store.queryAll<ClientRecord>({ partition: clientListingPartition(realmId), index: 'gsi1' })) {
    const client = await repository.load(realmId, item.rep.id);
    if (client) clients.push(client);
  }
  return clients;
}

function withoutExportOnly(settings: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...settings };
  for (const field of exportOnlyFields) delete rest[field];
  return rest;
}

/** ComponentExportRepresentation by provider type, sub-components under their parent; key providers left out. */
function exportedComponents(components: readonly ComponentRecord[], parentId?: string): Record<string, unknown[]> {
  const byType: Record<string, unknown[]> = {};
  const roots = components.filter((component) => (parentId ? component.rep.parentId === parentId : component.rep.parentId === component.realmId));
  for (const component of [...roots].sort((a, b) => (a.rep.name < b.rep.name ? -1 : a.rep.name > b.rep.name ? 1 : 0))) {
    if (component.rep.providerType === keyProviderType) continue;
    (byType[component.rep.providerType] ??= []).push({
      id: component.rep.id,
      name: component.rep.name,
      providerId: component.rep.providerId,
      ...(component.rep.subType ? { subType: component.rep.subType } : {}),
      subComponents: exportedComponents(components, component.rep.id),
      config: component.rep.config,
    });
  }
  return byType;
}

/**
 * StripSecretsUtils.stripForExport: client secrets (and a rotated one), the SMTP password, identity
 * providers' client secrets and secret component settings become "**********".
 */
export function stripSecrets(rep: Record<string, unknown>): RealmRepresentation {
  const masked = structuredClone(rep) as Record<string, any>;
  for (const client of masked['clients'] ?? []) {
    if (client.secret != null) client.secret = SECRET_MASK;
    if (client.attributes?.['client.secret.rotated'] != null) client.attributes['client.secret.rotated'] = SECRET_MASK;
  }
  if (masked['smtpServer']?.password) masked['smtpServer'].password = SECRET_MASK;
  for (const provider of masked['identityProviders'] ?? []) maskConfig(provider.config, (value) => value);
  const components = [...Object.values((masked['components'] ?? {}) as Record<string, any[]>).flat()];
  for (let component; (component = components.pop()); ) {
    maskConfig(component.config, (value) => [value]);
    components.push(...Object.values((component.subComponents ?? {}) as Record<string, any[]>).flat());
  }
  return masked as RealmRepresentation;
}

function maskConfig(config: Record<string, unknown> | undefined, wrap: (value: string) => unknown): void {
  for (const key of SECRET_CONFIG) if (config?.[key] != null) config[key] = wrap(SECRET_MASK);
}
