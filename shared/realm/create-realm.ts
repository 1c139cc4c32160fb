import { randomUUID } from 'node:crypto';
import { importedListeners } from '../events/listeners/realm-json.js';
import type { KeyProviders } from '../keys/key-providers.js';
import { activeKeyFor, defaultKeySpecs, keyComponent, newComponentId, realmKeysOf } from '../keys/realm-keys.js';
import { ADMIN_ROLE, defaultRolesName, masterAdminClientId, masterRealmManagementClient, masterAdminCompositesFor } from '../model/builtin/index.js';
import { realmNameProblem, withRealmDefaults } from '../model/realm-defaults.js';
import type { RealmRepresentation } from '../model/realm.js';
import { ClientsRepository, clientCreationWrites, clientRecord } from '../store/clients.js';
import { ConcurrentModificationError } from '../store/errors.js';
import { createComponentWrite, type ComponentRecord } from '../store/components.js';
import { realmKey } from '../store/keys.js';
import { RealmsRepository, type RealmRecord } from '../store/realms.js';
import { roleCreationWrites, roleRecord, type RoleRecord } from '../store/roles.js';
import type { Item, Store, TransactWrite } from '../store/store.js';
import { builtinRealmContent } from './builtin-realm-content.js';
import { realmConfigChanged } from './config-changes.js';
import { realmContentItems, RealmContentIndex, type RealmContent } from './realm-content.js';
import { masterRealmId } from './master.js';
import { InvalidRealmError } from './realm-errors.js';
import { loadRealmConfig } from './realm-config.js';

/** How a realm's creation differs from a new empty realm's (imports, POST /admin/realms with content). */
export interface RealmCreationOptions {
  /** The realm's content for its id, instead of Keycloak's built-ins alone. */
  readonly content?: (realmId: string) => RealmContent;
  /** The name of the content's default role (Keycloak's `default-roles-{realm}` unless a file names another). */
  readonly defaultRoleName?: string;
  /** Key components the realm comes with; Keycloak's default keys fill in any algorithm they lack. */
  readonly keys?: (realmId: string) => Promise<ComponentRecord[]>;
}

export interface RealmCreation {
  readonly realms: RealmsRepository;
  readonly keys: KeyProviders;
  readonly store: Store;
}

export function realmCreation(store: Store, keys: KeyProviders): RealmCreation {
  return { realms: new RealmsRepository(store), keys, store };
}

/**
 * Creates a realm the way Keycloak does (RealmManager.importRealm / createRealm): validate the name,
 * fill in Keycloak's defaults, default key providers (DefaultKeyProviders), the built-in client
 * scopes, roles and clients; `extras` adds more items for the new realm (e.g. the bootstrap admin),
 * given the id index of the built-in content. A realm other than master also gets its
 * `{realm}-realm` admin client in master, whose roles master's `admin` role gains.
 */
export async function createRealm(
  deps: RealmCreation,
  given: RealmRepresentation,
  extras: (realmId: string, index: RealmContentIndex) => Item[] | Promise<Item[]> = () => [],
  options: RealmCreationOptions = {},
): Promise<RealmRecord> {
  const nameProblem = realmNameProblem(given.realm);
  if (nameProblem) throw new InvalidRealmError(nameProblem);
  const id = given.id ?? randomUUID();
  const idProblem = realmNameProblem(id);
  if (idProblem) throw new InvalidRealmError(idProblem);
  const isMaster = id === masterRealmId;
  const content = options.content?.(id) ?? builtinRealmContent(id, given.realm!, isMaster);
  const index = new RealmContentIndex(content);
  const defaultRoleName = options.defaultRoleName ?? defaultRolesName(given.realm!);
  const defaultRole = content.realmRoles.find((role) => role.name === defaultRoleName);
  if (!defaultRole) throw new InvalidRealmError(`Default role ${defaultRoleName} not found`);
  // Event listeners in the realm JSON (a realm attribute, shared/events/listeners/realm-json.ts) become records.
  const listeners = importedListeners(id, given);
  const rep = withRealmDefaults({
    ...listeners.rep,
    id,
    realm: given.realm!,
    defaultRole: { id: defaultRole.id, name: defaultRole.name, description: defaultRole.description, composite: true, clientRole: false, containerId: id },
  });

  const keyWrites: TransactWrite[] = [];
  const keyComponents = options.keys ? await options.keys(id) : [];
  for (const component of keyComponents) keyWrites.push(createComponentWrite(component));
  for (const spec of defaultKeySpecs(deps.keys.asymmetricProviderId())) {
    // An import that brought a working key for the algorithm keeps it (Keycloak adds default keys only when none came).
    if (activeKeyFor(realmKeysOf(keyComponents), spec.algorithm)) continue;
    const componentId = newComponentId();
    const material = await deps.keys.generate({ realmId: id, componentId }, spec);
    keyWrites.push(createComponentWrite(keyComponent(id, componentId, spec, material)));
  }
  const items = [...realmContentItems(id, content), ...listeners.records, ...(await extras(id, index))];
  const record = await deps.realms.create(rep, keyWrites, items);
  if (!isMaster) await addMasterAdminClient(deps.store, rep.realm);
  realmConfigChanged(id);
  return record;
}

/**
 * Keycloak's RealmManager.createMasterAdminManagement: master gets a bearer-only `{realm}-realm`
 * client holding the admin roles over the new realm, and master's `admin` role gains them all — one
 * transaction, version-checked on the admin role, bumping master's configVersion. Idempotent (a client
 * left by an earlier attempt, or by a deleted realm of the same name, is reused) and retried when
 * another realm creation changed the admin role at the same time.
 */
async function addMasterAdminClient(store: Store, realmName: string, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryAddMasterAdminClient(store, realmName);
    } catch (error) {
      if (!(error instanceof ConcurrentModificationError) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
    }
  }
}

async function tryAddMasterAdminClient(store: Store, realmName: string): Promise<void> {
  const master = await loadRealmConfig(store, masterRealmId);
  const admin = master?.realmRoles.find((role) => role.rep.name === ADMIN_ROLE);
  if (!master || !admin) return; // no master realm (tests, or a store holding one realm only)
  const clients = new ClientsRepository(store);
  const clientId = masterAdminClientId(realmName);
  const granted = new Set(Object.values(masterAdminCompositesFor(realmName)).flat());
  const existing = await clients.loadByClientId(masterRealmId, clientId);
  const writes: TransactWrite[] = [];
  let roles: RoleRecord[];
  if (existing) {
    roles = [...existing.roles];
  } else {
    const { client, roles: reps } = masterRealmManagementClient(realmName, () => randomUUID());
    const stored = clientRecord(masterRealmId, { ...client, id: client.id ?? randomUUID() });
    roles = reps.map((role) => roleRecord(masterRealmId, { ...role, id: role.id ?? randomUUID() }, [], stored.rep.id));
    writes.push(...clientCreationWrites(stored, { defaultIds: [], optionalIds: [] }), ...roles.flatMap(roleCreationWrites));
  }
  const have = new Set(admin.composites.map((ref) => ref.roleId));
  const newRefs = roles
    .filter((role) => granted.has(role.rep.name) && !have.has(role.rep.id))
    .map((role) => ({ roleId: role.rep.id, clientUuid: role.clientUuid! }));
  if (writes.length === 0 && newRefs.length === 0) return;
  writes.push(
    {
      kind: 'updateVersioned',
      key: { pk: admin.pk, sk: admin.sk },
      expectedVersion: admin.version,
      set: { composites: [...admin.composites, ...newRefs], rep: { ...admin.rep, composite: true } },
    },
    { kind: 'bumpConfigVersion', key: realmKey(masterRealmId) },
  );
  await store.transact(writes);
  realmConfigChanged(masterRealmId);
}
