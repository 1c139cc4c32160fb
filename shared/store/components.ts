import type { KeyMaterial } from '../crypto/key-provider.js';
import type { ComponentRepresentation } from '../model/component.js';
import { componentKey } from './keys.js';
import type { Item, TransactWrite } from './store.js';

/**
 * A realm component (key providers now; user storage and others later), stored in the realm's
 * partition so that one Query loads the realm with all its components.
 */
export interface ComponentRecord extends Item {
  readonly entity: 'Component';
  readonly realmId: string;
  readonly version: number;
  readonly rep: ComponentRepresentation;
  /** Key providers only: the key (public parts, sealed or KMS-held private parts). */
  readonly keyMaterial?: KeyMaterial;
}

export function componentRecord(realmId: string, rep: ComponentRepresentation, keyMaterial?: KeyMaterial): ComponentRecord {
  return { ...componentKey(realmId, rep.id), entity: 'Component', realmId, version: 1, rep, ...(keyMaterial ? { keyMaterial } : {}) };
}

export function createComponentWrite(record: ComponentRecord): TransactWrite {
  return { kind: 'create', item: record, onConflict: () => new Error(`Component ${record.rep.id} exists`) };
}

export function isComponentRecord(item: Item): item is ComponentRecord {
  return item.entity === 'Component';
}
