import type { SigningAlgorithm } from '../crypto/key-provider.js';
import { realmConfigChanged } from '../realm/config-changes.js';
import { loadRealmConfig } from '../realm/realm-config.js';
import { createComponentWrite } from '../store/components.js';
import { NotFoundError } from '../store/errors.js';
import { realmKey } from '../store/keys.js';
import type { Store, TransactWrite } from '../store/store.js';
import type { KeyProviders } from './key-providers.js';
import { keyComponent, newComponentId, type RealmKey, type KeySpec } from './realm-keys.js';

/**
 * Rotation without downtime, as Keycloak's guide describes it: a new key provider with a higher
 * priority becomes the active key; the previous active keys of that algorithm turn passive, so they
 * stay in the JWKS and tokens they signed still verify until an admin disables or deletes them.
 * One transaction: the new key, the old keys' status, and the realm's configVersion.
 */
export async function rotateRealmKey(
  store: Store,
  keys: KeyProviders,
  realmId: string,
  algorithm: SigningAlgorithm,
): Promise<RealmKey> {
  const config = await loadRealmConfig(store, realmId);
  if (!config) throw new NotFoundError('Realm not found.');
  const sameAlgorithm = config.keys.filter((key) => key.algorithm === algorithm);
  const previous = sameAlgorithm[0];
  const spec: KeySpec = {
    name: `${previous?.providerId ?? 'rsa-generated'}-${algorithm.toLowerCase()}-${new Date().toISOString().slice(0, 19)}`,
    providerId: (previous?.providerId as KeySpec['providerId'] | undefined) ?? keys.asymmetricProviderId(),
    algorithm,
    priority: Math.max(0, ...sameAlgorithm.map((key) => key.priority)) + 1,
  };
  const componentId = newComponentId();
  const material = await keys.generate({ realmId, componentId }, spec);
  const created = keyComponent(realmId, componentId, spec, material);

  const writes: TransactWrite[] = [createComponentWrite(created)];
  for (const key of sameAlgorithm.filter((k) => k.status === 'ACTIVE')) {
    const component = config.components.find((c) => c.rep.id === key.componentId)!;
    const rep = { ...component.rep, config: { ...component.rep.config, active: ['false'] } };
    writes.push({ kind: 'updateVersioned', key: { pk: component.pk, sk: component.sk }, expectedVersion: component.version, set: { rep } });
  }
  writes.push({ kind: 'bumpConfigVersion', key: realmKey(realmId) });
  await store.transact(writes);
  realmConfigChanged(realmId);
  return (await loadRealmConfig(store, realmId))!.keys.find((key) => key.componentId === componentId)!;
}
