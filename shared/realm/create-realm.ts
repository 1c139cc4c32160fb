import { randomUUID } from 'node:crypto';
import type { KeyProviders } from '../keys/key-providers.js';
import { defaultKeySpecs, keyComponent, newComponentId } from '../keys/realm-keys.js';
import { ADMIN_ROLE, masterAdminClientId, masterRealmManagementClient, masterAdminCompositesFor } from '../model/builtin/index.js';
import { realmNameProblem, withRealmDefaults } from '../model/realm-defaults.js';
import type { RealmRepresentation } from '../model/realm.js';
import { ClientsRepository, clientCreationWrites, clientRecord } from '../store/clients.js';
import { ConcurrentModificationError } from '../store/errors.js';
import { createComponentWrite } from '../store/components.js';
import { realmKey } from '../store/keys.js';
import { RealmsRepository, type RealmRecord } from '../store/realms.js';
import { roleCreationWrites, roleRecord, type RoleRecord } from '../store/roles.js';
import type { Item, Store, TransactWrite } from '../store/store.js';
import { builtinRealmContent } from './builtin-realm-content.js';
import { realmConfigChanged } from './config-changes.js';
import { realmContentItems, RealmContentIndex } from './realm-content.js';
import { masterRealmId } from './master.js';
import { InvalidRealmError } from './realm-errors.js';
import { loadRealmConfig } from './realm-config.js';

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
): Promise<RealmRecord> {
  const nameProblem = realmNameProblem(given.realm);
  if (nameProblem) throw new InvalidRealmError(nameProblem);
  const id = given.id ?? randomUUID();
  const idProblem = realmNameProblem(id);
  if (idProblem) throw new InvalidRealmError(idProblem);
  const isMaster = id === masterRealmId;
  const content = builtinRealmContent(id, given.realm!, isMaster);
  const index = new RealmContentIndex(content);
  const defaultRole = content.realmRoles.find((role) => role.name.startsWith('default-roles-'))!;
  const rep = withRealmDefaults({
    ...given,
    id,
    realm: given.realm!,
    defaultRole: { id: defaultRole.id, name: defaultRole.name, description: defaultRole.description, composite: true, clientRole: false, containerId: id },
  });

  const keyWrites: TransactWrite[] = [];
  for (const spec of defaultKeySpecs(deps.keys.asymmetricProviderId())) {
    const componentId = newComponentId();
    const material = await deps.keys.generate({ realmId: id, componentId }, spec);
    keyWrites.push(createComponentWrite(keyComponent(id, componentId, spec, material)));
  }
  const items = [...realmContentItems(id, content), ...(await extras(id, index))];
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
