import { randomUUID } from 'node:crypto';
import { createComponentWrite } from '../store/components.js';
import type { KeyProviders } from '../keys/key-providers.js';
import { defaultKeySpecs, keyComponent, newComponentId } from '../keys/realm-keys.js';
import { realmNameProblem, withRealmDefaults } from '../model/realm-defaults.js';
import type { RealmRepresentation } from '../model/realm.js';
import type { RealmRecord, RealmsRepository } from '../store/realms.js';
import type { TransactWrite } from '../store/store.js';
import { realmConfigChanged } from './config-changes.js';
import { InvalidRealmError } from './realm-errors.js';

export interface RealmCreation {
  readonly realms: RealmsRepository;
  readonly keys: KeyProviders;
}

/**
 * Creates a realm the way Keycloak does (RealmManager.importRealm): validate the name, fill in
 * Keycloak's defaults, give it default key providers (DefaultKeyProviders) — all in one transaction
 * with whatever the caller adds (`alongside`, given the new realm's id).
 */
export async function createRealm(
  deps: RealmCreation,
  given: RealmRepresentation,
  alongside: (realmId: string) => TransactWrite[] | Promise<TransactWrite[]> = () => [],
): Promise<RealmRecord> {
  const nameProblem = realmNameProblem(given.realm);
  if (nameProblem) throw new InvalidRealmError(nameProblem);
  const id = given.id ?? randomUUID();
  const idProblem = realmNameProblem(id);
  if (idProblem) throw new InvalidRealmError(idProblem);
  const rep = withRealmDefaults({ ...given, id, realm: given.realm! });

  const keyWrites: TransactWrite[] = [];
  for (const spec of defaultKeySpecs(deps.keys.asymmetricProviderId())) {
    const componentId = newComponentId();
    const material = await deps.keys.generate({ realmId: id, componentId }, spec);
    keyWrites.push(createComponentWrite(keyComponent(id, componentId, spec, material)));
  }
  const record = await deps.realms.create(rep, [...keyWrites, ...(await alongside(id))]);
  realmConfigChanged(id);
  return record;
}
