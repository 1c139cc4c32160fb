import { beforeAll, describe, expect, it, vi } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { bootstrapMaster, masterRealmId } from '../../shared/realm/bootstrap-master.js';
import { createRealm, realmCreation, type RealmCreation } from '../../shared/realm/create-realm.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';

let store: Store;
let deps: RealmCreation;

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  deps = realmCreation(store, keyProviders());
  expect(await bootstrapMaster(deps, { username: 'admin', password: 'pw' })).toBe('created');
});

async function adminCompositeClientIds(): Promise<string[]> {
  const master = (await loadRealmConfig(store, masterRealmId))!;
  const admin = master.realmRoles.find((role) => role.rep.name === 'admin')!;
  const clients = new ClientsRepository(store);
  const ids = new Set<string>();
  for (const ref of admin.composites) if (ref.clientUuid) ids.add((await clients.load(masterRealmId, ref.clientUuid))!.client.rep.clientId);
  return [...ids].sort();
}

// Whole realms are created and deleted here (keys, built-in content, master's admin client): on a
// 2-core CI machine sharing one DynamoDB Local with the rest of the suite that takes tens of seconds.
vi.setConfig({ testTimeout: 120_000 });

describe("master's {realm}-realm admin clients (RealmManager.createMasterAdminManagement)", () => {
  it('gives master an admin client per realm, even for realms created at the same time', async () => {
    await Promise.all(['one', 'two', 'three'].map((realm) => createRealm(deps, { realm })));
    expect(await adminCompositeClientIds()).toEqual(['master-realm', 'one-realm', 'three-realm', 'two-realm']);
    const client = await new ClientsRepository(store).loadByClientId(masterRealmId, 'one-realm');
    expect(client?.client.rep).toMatchObject({ bearerOnly: true, name: 'one Realm' });
    expect(client?.roles.map((role) => role.rep.name)).toContain('manage-users');
  });

  it('lets a realm be created again after its deletion', async () => {
    const first = await createRealm(deps, { realm: 'phoenix' });
    await deps.realms.delete(first.id);
    const second = await createRealm(deps, { realm: 'phoenix' });
    expect(second.id).not.toBe(first.id);
    expect(await adminCompositeClientIds()).toContain('phoenix-realm');
  });

  it('gives the bootstrap admin the admin role and the default role', async () => {
    const master = (await loadRealmConfig(store, masterRealmId))!;
    expect(master.realmRoles.map((role) => role.rep.name).sort()).toEqual(['admin', 'create-realm', 'default-roles-master', 'offline_access', 'uma_authorization']);
  });
});
