import type { ClientScopeRepresentation } from '../model/client-scope.js';
import { ConflictError } from './errors.js';
import { clientScopeKey, clientScopeNameKey, realmDefaultScopeKey, realmPart } from './keys.js';
import type { Item, TransactWrite } from './store.js';

/** A client scope with its protocol mappers, in the realm partition. */
export interface ClientScopeRecord extends Item {
  readonly entity: 'ClientScope';
  readonly realmId: string;
  readonly version: number;
  readonly rep: ClientScopeRepresentation & { id: string };
}

/** A realm default (`isDefault`) or optional client scope: what new clients get. */
export interface RealmDefaultScopeRecord extends Item {
  readonly entity: 'RealmDefaultScope';
  readonly scopeId: string;
  readonly isDefault: boolean;
}

export function clientScopeWrites(realmId: string, scope: ClientScopeRepresentation & { id: string }): TransactWrite[] {
  const sentinel = clientScopeNameKey(realmId, scope.name);
  const conflict = () => new ConflictError(`Client Scope ${scope.name} already exists`);
  return [
    { kind: 'create', item: { ...clientScopeKey(realmId, scope.id), entity: 'ClientScope', realmId, version: 1, rep: scope }, onConflict: conflict },
    { kind: 'create', item: { ...sentinel, ...realmPart(realmId, sentinel.pk), scopeId: scope.id }, onConflict: conflict },
  ];
}

export function realmDefaultScopeItem(realmId: string, scopeId: string, isDefault: boolean): RealmDefaultScopeRecord {
  return { ...realmDefaultScopeKey(realmId, scopeId), entity: 'RealmDefaultScope', scopeId, isDefault };
}

export const isClientScopeRecord = (item: Item): item is ClientScopeRecord => item.entity === 'ClientScope';
export const isRealmDefaultScopeRecord = (item: Item): item is RealmDefaultScopeRecord => item.entity === 'RealmDefaultScope';
