import { beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createRealm } from '../../shared/realm/create-realm.js';
import { InvalidRealmError } from '../../shared/realm/realm-errors.js';
import { itemOf } from '../../shared/realm/realm-content.js';
import { ConcurrentModificationError, ConflictError, NotFoundError } from '../../shared/store/errors.js';
import { realmPartsPartition, userKey, usernameKey } from '../../shared/store/keys.js';
import { RealmsRepository } from '../../shared/store/realms.js';
import type { Store } from '../../shared/store/store.js';
import { userCreationWrites } from '../../shared/store/users.js';
import { useFreshEnvironment } from '../support/tables.js';

let store: Store;
let realms: RealmsRepository;
const deps = () => ({ realms, keys: keyProviders(), store });

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  realms = new RealmsRepository(store);
});

describe('realms repository', () => {
  it('creates a realm with Keycloak defaults and its default keys, found by id and by name', async () => {
    const created = await createRealm(deps(), { realm: 'acme' });
    expect(created.rep).toMatchObject({ realm: 'acme', accessTokenLifespan: 300, sslRequired: 'external', defaultSignatureAlgorithm: 'RS256' });
    expect(created.rep.enabled).toBeUndefined(); // Keycloak: created without `enabled` means disabled
    expect((await realms.getById(created.id))?.name).toBe('acme');
    expect((await realms.getByName('acme'))?.id).toBe(created.id);
    expect(await realms.getByName('ACME')).toBeUndefined(); // realm names are case-sensitive
    const components = await store.query({ partition: `REALM#${created.id}`, skPrefix: 'COMPONENT#', limit: 10, consistent: true });
    expect(components.items.map((c) => (c.rep as { providerId: string }).providerId).sort()).toEqual(['hmac-generated', 'rsa-generated']);
  });

  it('lets exactly one of two concurrent creates of the same name win', async () => {
    const results = await Promise.allSettled([createRealm(deps(), { realm: 'race' }), createRealm(deps(), { realm: 'race' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConflictError);
    expect(loser.reason.message).toBe('Realm race already exists');
    // The winner is complete and the only one: its built-in clients are there once each.
    const winner = await realms.getByName('race', { consistent: true });
    expect(winner?.state).toBe('ready');
    const clients = await store.query({ partition: `CLIENTS#${winner!.id}`, index: 'gsi1', limit: 50 });
    expect(clients.items.map((c) => c.gsi1sk).sort()).toEqual(['account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console']);
  });

  it('refuses names Keycloak refuses, with its messages', async () => {
    await expect(createRealm(deps(), { realm: '' })).rejects.toThrow(new InvalidRealmError('Realm name cannot be empty'));
    await expect(createRealm(deps(), { realm: 'a/b' })).rejects.toThrow("Character '/' not allowed.");
  });

  it('updates with version checks and renames atomically', async () => {
    const realm = await createRealm(deps(), { realm: 'old-name' });
    await createRealm(deps(), { realm: 'occupied' });
    await expect(realms.update(realm, { ...realm.rep, realm: 'occupied' })).rejects.toThrow('Realm with same name exists');
    await realms.update(realm, { ...realm.rep, realm: 'new-name', displayName: 'New' });
    expect(await realms.getByName('old-name', { consistent: true })).toBeUndefined();
    const renamed = await realms.getByName('new-name', { consistent: true });
    expect(renamed).toMatchObject({ id: realm.id, version: 3, configVersion: 2, rep: { displayName: 'New' } });
    // A writer still holding the old version loses.
    await expect(realms.update(realm, { ...realm.rep, realm: 'new-name' })).rejects.toBeInstanceOf(ConcurrentModificationError);
  });

  it('lists realms by name, page by page', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await realms.list(2, cursor);
      names.push(...page.items.map((r) => r.name));
      cursor = page.cursor;
    } while (cursor);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['acme', 'race', 'new-name', 'occupied']));
  });

  it('deletes a realm and everything under it, by key', async () => {
    const realm = await createRealm(deps(), { realm: 'doomed' }, (realmId) =>
      userCreationWrites(realmId, { id: 'u1', username: 'Alice', email: 'a@x.io', enabled: true, emailVerified: false, createdTimestamp: 0, requiredActions: [], notBefore: 0 }, [], { uniqueEmail: true }).map(itemOf),
    );
    expect(await store.get(usernameKey(realm.id, 'alice'))).toBeDefined();
    await realms.delete(realm.id);
    expect(await realms.getByName('doomed', { consistent: true })).toBeUndefined();
    expect(await store.get(userKey(realm.id, 'u1'), { consistent: true })).toBeUndefined();
    expect(await store.get(usernameKey(realm.id, 'alice'), { consistent: true })).toBeUndefined();
    expect((await store.query({ partition: `REALM#${realm.id}`, limit: 10, consistent: true })).items).toEqual([]);
    expect((await store.query({ partition: realmPartsPartition(realm.id), index: 'gsi2', limit: 10 })).items).toEqual([]);
    await expect(realms.delete(realm.id)).rejects.toBeInstanceOf(NotFoundError);
    // The name is free again.
    expect((await createRealm(deps(), { realm: 'doomed' })).id).not.toBe(realm.id);
  });
});
