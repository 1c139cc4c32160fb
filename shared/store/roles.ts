import type { RoleRepresentation } from '../model/role.js';
import { ConflictError } from './errors.js';
import { clientRoleKey, realmPart, realmRoleKey, roleNameKey } from './keys.js';
import type { Item, TransactWrite } from './store.js';

/** A composite's child, by id: names can change, ids cannot. `clientUuid` is set for client roles. */
export interface RoleRef {
  readonly roleId: string;
  readonly clientUuid?: string;
}

/**
 * A realm role (in the realm partition) or a client role (in its client's partition). The stored
 * representation has no `composites`: children are kept by id in `composites`.
 */
export interface RoleRecord extends Item {
  readonly entity: 'Role';
  readonly realmId: string;
  readonly clientUuid?: string;
  readonly version: number;
  readonly rep: RoleRepresentation & { id: string };
  readonly composites: readonly RoleRef[];
}

export const duplicateRoleMessage = (name: string): string => `Role with name ${name} already exists`;

export function roleRecord(realmId: string, role: RoleRepresentation & { id: string }, composites: RoleRef[], clientUuid?: string): RoleRecord {
  const { composites: _names, ...rep } = role;
  const key = clientUuid ? clientRoleKey(realmId, clientUuid, role.id) : realmRoleKey(realmId, role.id);
  return {
    ...key,
    entity: 'Role',
    realmId,
    ...(clientUuid ? { clientUuid } : {}),
    version: 1,
    rep: { ...rep, composite: composites.length > 0, clientRole: Boolean(clientUuid), containerId: clientUuid ?? realmId },
    composites,
  };
}

/** The role and its name sentinel (unique per container), for one transaction. */
export function roleCreationWrites(record: RoleRecord): TransactWrite[] {
  const sentinel = roleNameKey(record.realmId, record.clientUuid ?? record.realmId, record.rep.name);
  return [
    { kind: 'create', item: record, onConflict: () => new ConflictError(duplicateRoleMessage(record.rep.name)) },
    {
      kind: 'create',
      item: { ...sentinel, ...realmPart(record.realmId, sentinel.pk), roleId: record.rep.id },
      onConflict: () => new ConflictError(duplicateRoleMessage(record.rep.name)),
    },
  ];
}

export const isRoleRecord = (item: Item): item is RoleRecord => item.entity === 'Role';
