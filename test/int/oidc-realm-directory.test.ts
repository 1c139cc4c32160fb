import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { planClientCreation } from '../../shared/realm/create-client.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { RealmDirectory } from '../../shared/realm/realm-directory.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { realmKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, postToken, realmWith } from '../support/token-fixture.js';

/*
 * The realm directory caches clients per realm configuration (DESIGN.md §5), but never a client that
 * was not there: one created since — here written as another container would, without this
 * container's in-process notice, so its realm cache still holds the old configuration — is found.
 */

let store: Store;
let realm: RealmConfig;

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  realm = await realmWith(store, 'directory', { clients: [{ clientId: 'early', secret: 'early-secret', serviceAccountsEnabled: true }] });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Writes a client as another container would: the transaction bumps configVersion, nothing tells this one. */
async function createElsewhere(clientId: string): Promise<void> {
  const plan = planClientCreation(realm, { clientId, secret: `${clientId}-secret`, serviceAccountsEnabled: true });
  await store.transact([...plan.writes, { kind: 'bumpConfigVersion', key: realmKey(realm.realm.id) }]);
}

describe('realm directory: clients', () => {
  it('finds a client created after a lookup missed it, through the token endpoint', async () => {
    const before = await postToken('directory', { grant_type: 'client_credentials' }, basic('late', 'late-secret'));
    expect(before.status).toBe(401);
    await createElsewhere('late');
    const after = await postToken('directory', { grant_type: 'client_credentials' }, basic('late', 'late-secret'));
    expect(after.status, JSON.stringify(after.json)).toBe(200);
  });

  it('keeps clients it found, by clientId and by uuid, and shares one load between concurrent lookups', async () => {
    const directory = new RealmDirectory(realm, store);
    const load = vi.spyOn(ClientsRepository.prototype, 'loadByClientId');
    const byUuid = vi.spyOn(ClientsRepository.prototype, 'load');
    const [first, second] = await Promise.all([directory.client('early'), directory.client('early')]);
    expect(first?.client.rep.clientId).toBe('early');
    expect(second).toBe(first);
    expect(await directory.client('early')).toBe(first);
    expect(load).toHaveBeenCalledOnce();
    byUuid.mockClear();
    expect(await directory.clientByUuid(first!.client.rep.id)).toBe(first);
    expect(byUuid).not.toHaveBeenCalled();
  });

  it('asks the store again after a miss, by clientId and by uuid', async () => {
    const directory = new RealmDirectory(realm, store);
    const load = vi.spyOn(ClientsRepository.prototype, 'loadByClientId');
    expect(await directory.client('later')).toBeUndefined();
    expect(await directory.clientByUuid('no-such-uuid')).toBeUndefined();
    await createElsewhere('later');
    const found = await directory.client('later');
    expect(found?.client.rep.clientId).toBe('later');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
