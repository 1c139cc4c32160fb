import type { RealmRepresentation } from '../model/realm.js';
import { ConflictError, NotFoundError } from './errors.js';
import { realmKey, realmListing, realmListingPartition, realmNameKey, realmPartsPartition, type ItemKey } from './keys.js';
import { nowSeconds } from './expiry.js';
import type { Item, Page, Store, TransactWrite } from './store.js';

/** How long a half-created realm keeps its name before another creation may replace it. */
const STALE_CREATION_SECONDS = 120;

export interface RealmRecord extends Item {
  readonly entity: 'Realm';
  readonly id: string;
  readonly name: string;
  /** Optimistic-concurrency version of the realm item itself. */
  readonly version: number;
  /** Bumped by every configuration write under the realm; the realm config cache is keyed by it. */
  readonly configVersion: number;
  readonly rep: RealmRepresentation;
  /** `creating` while a realm's built-in content is still being written; such a realm is not served. */
  readonly state?: 'creating' | 'ready';
  readonly createdAt?: number;
}

interface NameSentinel extends Item {
  readonly realmId: string;
}

/** Keycloak 26's 409 message when a new realm's name is taken (RealmManager → ModelDuplicateException). */
export const duplicateRealmMessage = (name: string): string => `Realm ${name} already exists`;
/** Keycloak's 409 message when a rename would take another realm's name. */
export const renameConflictMessage = 'Realm with same name exists';

/**
 * Realms: the realm item in the realm's own partition, its name claimed by a sentinel item written
 * in the same transaction, and a gsi1 entry for listing (access patterns in ACCESS-PATTERNS.md).
 */
export class RealmsRepository {
  constructor(private readonly store: Store) {}

  /**
   * Creates the realm. The realm item, its name and `alongside` (key components, ...) are written in
   * one transaction. `content` (built-in clients, roles, scopes: more than a transaction's 100 items)
   * follows in batches while the realm is marked `creating`, which readers treat as absent; the realm
   * becomes visible when the last write flips it to `ready`. A creation that dies half-way leaves a
   * `creating` realm that `create` replaces after STALE_CREATION_SECONDS.
   */
  async create(
    rep: RealmRepresentation & { id: string; realm: string },
    alongside: readonly TransactWrite[] = [],
    content: readonly Item[] = [],
  ): Promise<RealmRecord> {
    const staged = content.length > 0;
    const record: RealmRecord = {
      ...realmKey(rep.id),
      ...realmListing(rep.realm),
      entity: 'Realm',
      id: rep.id,
      name: rep.realm,
      version: 1,
      configVersion: 1,
      rep,
      state: staged ? 'creating' : 'ready',
      createdAt: nowSeconds(),
    };
    const sentinel: NameSentinel = { ...realmNameKey(rep.realm), realmId: rep.id };
    const writes: TransactWrite[] = [
      { kind: 'create', item: sentinel, onConflict: () => new ConflictError(duplicateRealmMessage(rep.realm)) },
      { kind: 'create', item: record, onConflict: () => new ConflictError(duplicateRealmMessage(rep.realm)) },
      ...alongside,
    ];
    try {
      await this.store.transact(writes);
    } catch (error) {
      if (!(error instanceof ConflictError) || !(await this.removeStaleCreation(rep.realm))) throw error;
      await this.store.transact(writes);
    }
    if (!staged) return record;
    await this.store.putMany(content);
    await this.store.updateVersioned(realmKey(rep.id), 1, { state: 'ready' });
    return { ...record, state: 'ready', version: 2 };
  }

  /** Purges a realm of that name left `creating` by a crash; true when there was one. */
  private async removeStaleCreation(name: string): Promise<boolean> {
    const id = await this.idForName(name, { consistent: true });
    const stuck = id ? await this.store.get<RealmRecord>(realmKey(id), { consistent: true }) : undefined;
    if (!stuck || stuck.state !== 'creating' || nowSeconds() - (stuck.createdAt ?? 0) < STALE_CREATION_SECONDS) return false;
    await this.store.transact([
      { kind: 'delete', key: realmKey(stuck.id) },
      { kind: 'delete', key: realmNameKey(name) },
    ]);
    await this.purge(stuck.id);
    return true;
  }

  async getById(id: string, options: { consistent?: boolean } = {}): Promise<RealmRecord | undefined> {
    const record = await this.store.get<RealmRecord>(realmKey(id), options);
    return record?.state === 'creating' ? undefined : record;
  }

  async getByName(name: string, options: { consistent?: boolean } = {}): Promise<RealmRecord | undefined> {
    const id = await this.idForName(name, options);
    if (id === undefined) return undefined;
    const record = await this.getById(id, options);
    // A rename or delete may have happened between the two reads; the sentinel is then stale.
    return record?.name === name ? record : undefined;
  }

  async idForName(name: string, options: { consistent?: boolean } = {}): Promise<string | undefined> {
    return (await this.store.get<NameSentinel>(realmNameKey(name), options))?.realmId;
  }

  /** Realms ordered by name (Keycloak lists realms by name). */
  async list(limit = 100, cursor?: string): Promise<Page<RealmRecord>> {
    const page = await this.store.query<RealmRecord>({ partition: realmListingPartition, index: 'gsi1', limit, cursor });
    return { ...page, items: page.items.filter((realm) => realm.state !== 'creating') };
  }

  /**
   * Replaces the realm representation if nobody changed it since `current` was read.
   * A rename moves the name sentinel in the same transaction, so two realms can never share a name.
   */
  async update(current: RealmRecord, rep: RealmRepresentation & { realm: string }): Promise<void> {
    await this.store.transact(realmUpdateWrites(current, rep));
  }

  /**
   * Deletes the realm and everything under it. The realm item and its name go first, in one
   * transaction, so the realm disappears at once; then every partition registered under the realm
   * (gsi2, KEYS_ONLY) and the realm's own partition are emptied by key, without a Scan.
   */
  async delete(id: string): Promise<void> {
    const record = await this.getById(id, { consistent: true });
    if (!record) throw new NotFoundError('Realm not found.');
    await this.store.transact(realmDeletionWrites(record));
    await this.purge(id);
  }

  /** Removes every item belonging to a realm id; safe to run again after an interruption. */
  async purge(id: string): Promise<void> {
    const partitions: string[] = [];
    for await (const part of this.store.queryAll<Item & { gsi2sk: string }>({ partition: realmPartsPartition(id), index: 'gsi2' })) {
      partitions.push(part.gsi2sk);
    }
    partitions.push(realmKey(id).pk);
    for (const partition of new Set(partitions)) {
      const keys: ItemKey[] = [];
      for await (const item of this.store.queryAll({ partition, consistent: true })) keys.push({ pk: item.pk, sk: item.sk });
      await this.store.deleteMany(keys);
    }
  }
}

/**
 * The writes of a realm update (for one transaction, possibly with others): the realm item if nobody
 * changed it since `current` was read, its configVersion bumped with ADD (concurrent bumps are never
 * lost); a rename moves the name sentinel (the old one must exist, the new one must be free), so two
 * realms can never share a name.
 */
export function realmUpdateWrites(current: RealmRecord, rep: RealmRepresentation & { realm: string }): TransactWrite[] {
  const next = { ...rep, id: current.id };
  const writes: TransactWrite[] = [
    {
      kind: 'updateVersioned',
      key: realmKey(current.id),
      expectedVersion: current.version,
      set: { rep: next, name: rep.realm, ...realmListing(rep.realm) },
      add: { configVersion: 1 },
    },
  ];
  if (rep.realm !== current.name) {
    writes.push(
      { kind: 'delete', key: realmNameKey(current.name), mustExist: true },
      { kind: 'create', item: { ...realmNameKey(rep.realm), realmId: current.id }, onConflict: () => new ConflictError(renameConflictMessage) },
    );
  }
  return writes;
}

/** The writes that make a realm disappear at once (its item, condition: still there, and its name); purge follows. */
export function realmDeletionWrites(record: RealmRecord): TransactWrite[] {
  return [
    { kind: 'delete', key: realmKey(record.id), mustExist: true, onConflict: () => new NotFoundError('Realm not found.') },
    { kind: 'delete', key: realmNameKey(record.name) },
  ];
}
