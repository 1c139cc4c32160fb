import type { ClientRepresentation } from '../model/client.js';
import { ConflictError } from './errors.js';
import {
  clientIdKey,
  clientKey,
  clientListing,
  clientPartition,
  clientRoleScopeKey,
  clientScopeAssignmentKey,
  clientScopeUsage,
  realmPart,
  type ItemKey,
} from './keys.js';
import { isRoleRecord, type RoleRecord } from './roles.js';
import type { Item, Store, TransactWrite } from './store.js';

/**
 * A client in its own partition (DESIGN.md §5). The stored representation keeps its protocol mappers;
 * its client scopes, roles and role scope mappings are items of the same partition.
 */
export interface ClientRecord extends Item {
  readonly entity: 'Client';
  readonly realmId: string;
  readonly version: number;
  /** Without defaultClientScopes / optionalClientScopes (those are ClientScopeAssignment items). */
  readonly rep: ClientRepresentation & { id: string };
  /** Set when serviceAccountsEnabled: the service-account user's id (null once service accounts are turned off). */
  readonly serviceAccountUserId?: string | null;
}

export interface ClientScopeAssignment extends Item {
  readonly entity: 'ClientScopeAssignment';
  readonly scopeId: string;
  readonly isDefault: boolean;
}

export interface ClientRoleScope extends Item {
  readonly entity: 'ClientRoleScope';
  readonly roleId: string;
  readonly clientUuid?: string;
}

/** Everything about one client, loaded by one Query of its partition. */
export interface ClientConfig {
  readonly client: ClientRecord;
  readonly roles: readonly RoleRecord[];
  readonly defaultScopeIds: readonly string[];
  readonly optionalScopeIds: readonly string[];
  /** Roles the client may put in tokens when fullScopeAllowed is off. */
  readonly roleScopes: readonly ClientRoleScope[];
}

/** Keycloak's Admin API message for a taken clientId. */
export const duplicateClientMessage = (clientId: string): string => `Client ${clientId} already exists`;

export function clientRecord(realmId: string, client: ClientRepresentation & { id: string }, serviceAccountUserId?: string): ClientRecord {
  const { defaultClientScopes: _d, optionalClientScopes: _o, ...rep } = client;
  const root = clientKey(realmId, client.id);
  return {
    ...root,
    ...clientListing(realmId, client.clientId),
    ...realmPart(realmId, root.pk),
    entity: 'Client',
    realmId,
    version: 1,
    rep,
    ...(serviceAccountUserId ? { serviceAccountUserId } : {}),
  };
}

/** The client, its clientId sentinel and its scope assignments, for one transaction. */
export function clientCreationWrites(record: ClientRecord, scopes: { defaultIds: readonly string[]; optionalIds: readonly string[] }): TransactWrite[] {
  const sentinel = clientIdKey(record.realmId, record.rep.clientId);
  const conflict = () => new ConflictError(duplicateClientMessage(record.rep.clientId));
  const writes: TransactWrite[] = [
    { kind: 'create', item: record, onConflict: conflict },
    { kind: 'create', item: { ...sentinel, ...realmPart(record.realmId, sentinel.pk), clientUuid: record.rep.id }, onConflict: conflict },
  ];
  const assign = (scopeId: string, isDefault: boolean): TransactWrite => ({
    kind: 'put',
    item: clientScopeAssignmentItem(record.realmId, record.rep.id, scopeId, isDefault),
  });
  for (const id of scopes.defaultIds) writes.push(assign(id, true));
  for (const id of scopes.optionalIds) writes.push(assign(id, false));
  return writes;
}

/** A client's default or optional client scope, indexed by scope so a scope's deletion finds its clients. */
export function clientScopeAssignmentItem(realmId: string, clientUuid: string, scopeId: string, isDefault: boolean): ClientScopeAssignment {
  return {
    ...clientScopeAssignmentKey(realmId, clientUuid, scopeId),
    ...clientScopeUsage(realmId, scopeId, clientUuid),
    entity: 'ClientScopeAssignment',
    scopeId,
    isDefault,
  };
}

/**
 * Replaces a client's representation if nobody changed it since `current` was read (condition on
 * `version`). A new clientId moves the clientId sentinel in the same transaction: the old one must
 * still be there, the new one must be free, so two clients never share a clientId.
 */
export function clientUpdateWrites(
  current: ClientRecord,
  next: ClientRepresentation & { id: string },
  changes: { serviceAccountUserId?: string | null; onConflict: () => Error },
): TransactWrite[] {
  const { defaultClientScopes: _d, optionalClientScopes: _o, ...rep } = next;
  const set: Record<string, unknown> = { rep, ...clientListing(current.realmId, rep.clientId) };
  if (changes.serviceAccountUserId !== undefined) set['serviceAccountUserId'] = changes.serviceAccountUserId;
  const writes: TransactWrite[] = [{ kind: 'updateVersioned', key: clientKey(current.realmId, current.rep.id), expectedVersion: current.version, set }];
  if (rep.clientId !== current.rep.clientId) {
    const sentinel = clientIdKey(current.realmId, rep.clientId);
    writes.push(
      { kind: 'delete', key: clientIdKey(current.realmId, current.rep.clientId), mustExist: true, onConflict: changes.onConflict },
      { kind: 'create', item: { ...sentinel, ...realmPart(current.realmId, sentinel.pk), clientUuid: rep.id }, onConflict: changes.onConflict },
    );
  }
  return writes;
}

export function clientRoleScopeItem(realmId: string, clientUuid: string, role: { roleId: string; clientUuid?: string }): ClientRoleScope {
  return { ...clientRoleScopeKey(realmId, clientUuid, role.roleId), entity: 'ClientRoleScope', ...role };
}

export class ClientsRepository {
  constructor(private readonly store: Store) {}

  async uuidForClientId(realmId: string, clientId: string): Promise<string | undefined> {
    return (await this.store.get<Item & { clientUuid: string }>(clientIdKey(realmId, clientId)))?.clientUuid;
  }

  /** One Query of the client's partition: the client, its roles, scopes and role scope mappings. */
  async load(realmId: string, clientUuid: string): Promise<ClientConfig | undefined> {
    let client: ClientRecord | undefined;
    const roles: RoleRecord[] = [];
    const defaultScopeIds: string[] = [];
    const optionalScopeIds: string[] = [];
    const roleScopes: ClientRoleScope[] = [];
    for await (const item of this.store.queryAll<Item>({ partition: clientPartition(realmId, clientUuid), consistent: true })) {
      if (item.entity === 'Client') client = item as ClientRecord;
      else if (isRoleRecord(item)) roles.push(item);
      else if (item.entity === 'ClientScopeAssignment') {
        const assignment = item as ClientScopeAssignment;
        (assignment.isDefault ? defaultScopeIds : optionalScopeIds).push(assignment.scopeId);
      } else if (item.entity === 'ClientRoleScope') roleScopes.push(item as ClientRoleScope);
    }
    return client ? { client, roles, defaultScopeIds, optionalScopeIds, roleScopes } : undefined;
  }

  /** Every item key of the client's partition (the client, its roles, scopes, role scope mappings). */
  async partitionKeys(realmId: string, clientUuid: string): Promise<ItemKey[]> {
    const keys: ItemKey[] = [];
    for await (const item of this.store.queryAll({ partition: clientPartition(realmId, clientUuid), consistent: true })) keys.push({ pk: item.pk, sk: item.sk });
    return keys;
  }

  async loadByClientId(realmId: string, clientId: string): Promise<ClientConfig | undefined> {
    const uuid = await this.uuidForClientId(realmId, clientId);
    const config = uuid ? await this.load(realmId, uuid) : undefined;
    return config?.client.rep.clientId === clientId ? config : undefined;
  }
}
