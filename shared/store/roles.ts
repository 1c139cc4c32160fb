import type { RoleRepresentation } from '../model/role.js';
import { ConflictError } from './errors.js';
import {
  clientRoleKey,
  compositeEdgeKey,
  compositeParentListing,
  compositeParentListingPartition,
  realmPart,
  realmRoleKey,
  roleIdKey,
  roleNameKey,
  type ItemKey,
} from './keys.js';
import type { Item, Store, TransactWrite } from './store.js';

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

/** Where a client role lives (roleIdKey): the client's uuid. */
interface RoleLocation extends Item {
  readonly clientUuid: string;
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

export const roleRefOf = (role: Pick<RoleRecord, 'rep' | 'clientUuid'>): RoleRef =>
  role.clientUuid ? { roleId: role.rep.id, clientUuid: role.clientUuid } : { roleId: role.rep.id };
export const sameRef = (a: RoleRef, b: RoleRef): boolean => a.roleId === b.roleId;

/**
 * The role, its name sentinel (unique per container) and, for a client role, its location by id and
 * the index entries of its composite children — for one transaction.
 */
export function roleCreationWrites(record: RoleRecord): TransactWrite[] {
  const sentinel = roleNameKey(record.realmId, record.clientUuid ?? record.realmId, record.rep.name);
  const writes: TransactWrite[] = [
    { kind: 'create', item: record, onConflict: () => new ConflictError(duplicateRoleMessage(record.rep.name)) },
    {
      kind: 'create',
      item: { ...sentinel, ...realmPart(record.realmId, sentinel.pk), roleId: record.rep.id },
      onConflict: () => new ConflictError(duplicateRoleMessage(record.rep.name)),
    },
  ];
  if (record.clientUuid) {
    const location = roleIdKey(record.realmId, record.rep.id);
    writes.push({
      kind: 'create',
      item: { ...location, ...realmPart(record.realmId, location.pk), clientUuid: record.clientUuid, roleId: record.rep.id },
      onConflict: () => new ConflictError(duplicateRoleMessage(record.rep.name)),
    });
    for (const child of record.composites) writes.push({ kind: 'put', item: compositeEdgeItem(record, child) });
  }
  return writes;
}

/**
 * The index entry of one composite child of a client role (realm roles' composites need none: every
 * realm role is in the realm configuration). Lives in the parent's client partition, so it goes with
 * the client; gsi2 lists a child's parents.
 */
export function compositeEdgeItem(parent: Pick<RoleRecord, 'realmId' | 'clientUuid' | 'rep'>, child: RoleRef): Item {
  const clientUuid = parent.clientUuid!;
  return {
    ...compositeEdgeKey(parent.realmId, clientUuid, parent.rep.id, child.roleId),
    ...compositeParentListing(parent.realmId, child.roleId, clientUuid, parent.rep.id),
    entity: 'CompositeEdge',
    parentId: parent.rep.id,
    childId: child.roleId,
  };
}

export const roleKeyOf = (role: Pick<RoleRecord, 'pk' | 'sk'>): ItemKey => ({ pk: role.pk, sk: role.sk });

/**
 * Replaces a role's representation if nobody changed it since `current` was read (condition on
 * `version`); a rename moves the name sentinel in the same transaction (the old one must exist, the
 * new one must be free), so two roles of one container never share a name.
 */
export function roleUpdateWrites(current: RoleRecord, rep: RoleRepresentation & { id: string }): TransactWrite[] {
  const { composites: _names, ...stored } = rep;
  const writes: TransactWrite[] = [{ kind: 'updateVersioned', key: roleKeyOf(current), expectedVersion: current.version, set: { rep: stored } }];
  if (rep.name !== current.rep.name) {
    const container = current.clientUuid ?? current.realmId;
    const sentinel = roleNameKey(current.realmId, container, rep.name);
    const conflict = () => new ConflictError(duplicateRoleMessage(rep.name));
    writes.push(
      { kind: 'delete', key: roleNameKey(current.realmId, container, current.rep.name), mustExist: true, onConflict: conflict },
      { kind: 'create', item: { ...sentinel, ...realmPart(current.realmId, sentinel.pk), roleId: rep.id }, onConflict: conflict },
    );
  }
  return writes;
}

/**
 * Sets a role's composite children (version-checked, so two concurrent edits never lose one), keeping
 * `composite` in step and, for client roles, the children's index entries.
 */
export function compositesWrites(current: RoleRecord, next: readonly RoleRef[]): TransactWrite[] {
  const writes: TransactWrite[] = [
    {
      kind: 'updateVersioned',
      key: roleKeyOf(current),
      expectedVersion: current.version,
      set: { composites: next, rep: { ...current.rep, composite: next.length > 0 } },
    },
  ];
  if (!current.clientUuid) return writes;
  const before = new Set(current.composites.map((ref) => ref.roleId));
  const after = new Set(next.map((ref) => ref.roleId));
  for (const ref of next) if (!before.has(ref.roleId)) writes.push({ kind: 'put', item: compositeEdgeItem(current, ref) });
  for (const ref of current.composites) {
    if (!after.has(ref.roleId)) writes.push({ kind: 'delete', key: compositeEdgeKey(current.realmId, current.clientUuid, current.rep.id, ref.roleId) });
  }
  return writes;
}

/**
 * The items that go with a role besides the role item itself: its name sentinel, its location by id
 * and its own composite edges (client roles).
 */
export function roleCompanionKeys(role: RoleRecord): ItemKey[] {
  const keys = [roleNameKey(role.realmId, role.clientUuid ?? role.realmId, role.rep.name)];
  if (role.clientUuid) {
    keys.push(roleIdKey(role.realmId, role.rep.id));
    for (const child of role.composites) keys.push(compositeEdgeKey(role.realmId, role.clientUuid, role.rep.id, child.roleId));
  }
  return keys;
}

export const isRoleRecord = (item: Item): item is RoleRecord => item.entity === 'Role';

export class RolesRepository {
  constructor(private readonly store: Store) {}

  /** A client role by id alone: its location, then the role item (both read strongly consistent). */
  async clientRoleById(realmId: string, roleId: string): Promise<RoleRecord | undefined> {
    const location = await this.store.get<RoleLocation>(roleIdKey(realmId, roleId), { consistent: true });
    if (!location) return undefined;
    const role = await this.store.get<Item>(clientRoleKey(realmId, location.clientUuid, roleId), { consistent: true });
    return role && isRoleRecord(role) ? role : undefined;
  }

  async clientRole(realmId: string, clientUuid: string, roleId: string): Promise<RoleRecord | undefined> {
    const role = await this.store.get<Item>(clientRoleKey(realmId, clientUuid, roleId), { consistent: true });
    return role && isRoleRecord(role) ? role : undefined;
  }

  /** The client roles that have `roleId` as a composite child (gsi2 compositeParentListing). */
  async clientParents(realmId: string, roleId: string): Promise<{ clientUuid: string; roleId: string }[]> {
    const parents: { clientUuid: string; roleId: string }[] = [];
    for await (const item of this.store.queryAll<Item & { gsi2sk: string }>({ partition: compositeParentListingPartition(realmId, roleId), index: 'gsi2' })) {
      const [clientUuid, parentId] = item.gsi2sk.split('#');
      if (clientUuid && parentId) parents.push({ clientUuid, roleId: parentId });
    }
    return parents;
  }
}
