import type { ClientScopeRepresentation } from '../model/client-scope.js';
import { ConflictError } from './errors.js';
import {
  clientScopeKey,
  clientScopeNameKey,
  clientScopeUsagePartition,
  realmDefaultScopeKey,
  realmKey,
  realmPart,
  scopeRoleMappingPrefix,
  type ItemKey,
} from './keys.js';
import type { Item, Store, TransactWrite } from './store.js';

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

/** Keycloak's 409 message (ClientScopesResource / ClientScopeResource: ErrorResponse.exists). */
export const duplicateClientScopeMessage = (name: string): string => `Client Scope ${name} already exists`;

export function clientScopeWrites(realmId: string, scope: ClientScopeRepresentation & { id: string }): TransactWrite[] {
  const sentinel = clientScopeNameKey(realmId, scope.name);
  const conflict = () => new ConflictError(duplicateClientScopeMessage(scope.name));
  return [
    { kind: 'create', item: { ...clientScopeKey(realmId, scope.id), entity: 'ClientScope', realmId, version: 1, rep: scope }, onConflict: conflict },
    { kind: 'create', item: { ...sentinel, ...realmPart(realmId, sentinel.pk), scopeId: scope.id }, onConflict: conflict },
  ];
}

/**
 * Replaces a client scope's representation if nobody changed it since `current` was read (condition
 * on `version`); a rename moves the name sentinel in the same transaction (old one must exist, new
 * one must be free), so two scopes never share a name.
 */
export function clientScopeUpdateWrites(current: ClientScopeRecord, rep: ClientScopeRepresentation & { id: string }): TransactWrite[] {
  const writes: TransactWrite[] = [
    { kind: 'updateVersioned', key: clientScopeKey(current.realmId, current.rep.id), expectedVersion: current.version, set: { rep } },
  ];
  if (rep.name !== current.rep.name) {
    const conflict = () => new ConflictError(duplicateClientScopeMessage(rep.name));
    const sentinel = clientScopeNameKey(current.realmId, rep.name);
    writes.push(
      { kind: 'delete', key: clientScopeNameKey(current.realmId, current.rep.name), mustExist: true, onConflict: conflict },
      { kind: 'create', item: { ...sentinel, ...realmPart(current.realmId, sentinel.pk), scopeId: rep.id }, onConflict: conflict },
    );
  }
  return writes;
}

export function realmDefaultScopeItem(realmId: string, scopeId: string, isDefault: boolean): RealmDefaultScopeRecord {
  return { ...realmDefaultScopeKey(realmId, scopeId), entity: 'RealmDefaultScope', scopeId, isDefault };
}

export const isClientScopeRecord = (item: Item): item is ClientScopeRecord => item.entity === 'ClientScope';
export const isRealmDefaultScopeRecord = (item: Item): item is RealmDefaultScopeRecord => item.entity === 'RealmDefaultScope';

export class ClientScopesRepository {
  constructor(private readonly store: Store) {}

  /** The keys of the scope's assignments to clients (gsi1, clientScopeUsage). */
  async assignmentKeys(realmId: string, scopeId: string): Promise<ItemKey[]> {
    const keys: ItemKey[] = [];
    for await (const item of this.store.queryAll({ partition: clientScopeUsagePartition(realmId, scopeId), index: 'gsi1' })) keys.push({ pk: item.pk, sk: item.sk });
    return keys;
  }

  /** The keys of the roles the scope maps into tokens (its scope mappings), in the realm partition. */
  async roleMappingKeys(realmId: string, scopeId: string): Promise<ItemKey[]> {
    const keys: ItemKey[] = [];
    for await (const item of this.store.queryAll({ partition: realmKey(realmId).pk, skPrefix: scopeRoleMappingPrefix(scopeId), consistent: true })) {
      keys.push({ pk: item.pk, sk: item.sk });
    }
    return keys;
  }
}
