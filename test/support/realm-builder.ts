import { randomUUID } from 'node:crypto';
import type { KeyProviders } from '../../shared/keys/key-providers.js';
import type { ClientRepresentation } from '../../shared/model/client.js';
import { realmConfigChanged } from '../../shared/realm/config-changes.js';
import { createClient } from '../../shared/realm/create-client.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser, type NewUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { clientRoleScopeItem, ClientsRepository, type ClientConfig } from '../../shared/store/clients.js';
import { groupCreationWrites } from '../../shared/store/groups.js';
import { realmKey } from '../../shared/store/keys.js';
import { roleCreationWrites, roleRecord, type RoleRef } from '../../shared/store/roles.js';
import type { Store, TransactWrite } from '../../shared/store/store.js';
import type { UserRepresentation } from '../../shared/model/user.js';

/**
 * Builds fixture realms through the same services and store write helpers the server uses, with
 * explicit key providers (so a test process can create realms whose keys a spawned runtime opens:
 * both use one GATEHOUSE_DATA_DIR and so one local master key).
 */
export async function createFixtureRealm(
  store: Store,
  keys: KeyProviders,
  realm: string,
  setup: { clients?: ClientRepresentation[]; realm?: Record<string, unknown> } = {},
): Promise<RealmConfig> {
  const created = await createRealm(realmCreation(store, keys), { realm, enabled: true, ...setup.realm });
  for (const client of setup.clients ?? []) await createClient(store, (await loadRealmConfig(store, created.id))!, client);
  return (await loadRealmConfig(store, created.id))!;
}

export async function addUser(store: Store, realmId: string, user: NewUser): Promise<UserRepresentation> {
  return createUser(store, (await loadRealmConfig(store, realmId))!, user);
}

export async function clientNamed(store: Store, realmId: string, clientId: string): Promise<ClientConfig> {
  const client = await new ClientsRepository(store).loadByClientId(realmId, clientId);
  if (!client) throw new Error(`No client ${clientId} in realm ${realmId}`);
  return client;
}

/**
 * Collects configuration writes (roles, groups, role scope mappings) and commits them in one
 * transaction that bumps the realm's configVersion, as every admin write does.
 */
export class ConfigBatch {
  private readonly writes: TransactWrite[] = [];

  constructor(readonly realmId: string) {}

  realmRole(name: string, composites: RoleRef[] = []): RoleRef {
    const id = randomUUID();
    this.writes.push(...roleCreationWrites(roleRecord(this.realmId, { id, name }, composites)));
    return { roleId: id };
  }

  clientRole(client: ClientConfig, name: string, composites: RoleRef[] = []): RoleRef {
    const id = randomUUID();
    const clientUuid = client.client.rep.id;
    this.writes.push(...roleCreationWrites(roleRecord(this.realmId, { id, name }, composites, clientUuid)));
    return { roleId: id, clientUuid };
  }

  /** A group (under `parent` when given) holding `roles`; returns its id and full path. */
  group(name: string, roles: RoleRef[] = [], parent?: { id: string; path: string }): { id: string; path: string } {
    const id = randomUUID();
    const path = `${parent?.path ?? ''}/${name}`;
    this.writes.push(...groupCreationWrites(this.realmId, { id, name, path, ...(parent ? { parentId: parent.id } : {}) }, roles));
    return { id, path };
  }

  /** A role the client may carry in tokens when its fullScopeAllowed is off (client scope mapping). */
  roleScope(client: ClientConfig, role: RoleRef): void {
    this.writes.push({ kind: 'put', item: clientRoleScopeItem(this.realmId, client.client.rep.id, role) });
  }

  async commit(store: Store): Promise<void> {
    await store.transact([...this.writes, { kind: 'bumpConfigVersion', key: realmKey(this.realmId) }]);
    realmConfigChanged(this.realmId);
  }
}
