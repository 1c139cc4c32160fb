import type { RealmRepresentation } from '../model/realm.js';
import { ConflictError, NotFoundError } from './errors.js';
import { realmKey, realmListing, realmListingPartition, realmNameKey, realmPartsPartition, type ItemKey } from './keys.js';
import type { Item, Page, Store, TransactWrite } from './store.js';

export interface RealmRecord extends Item {
  readonly entity: 'Realm';
  readonly id: string;
  readonly name: string;
  /** Optimistic-concurrency version of the realm item itself. */
  readonly version: number;
  /** Bumped by every configuration write under the realm; the realm config cache is keyed by it. */
  readonly configVersion: number;
  readonly rep: RealmRepresentation;
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
   * Creates the realm and, in the same transaction, whatever else must exist with it (key components,
   * built-in clients, the bootstrap admin): either all of it is stored or none.
   */
  async create(rep: RealmRepresentation & { id: string; realm: string }, alongside: readonly TransactWrite[] = []): Promise<RealmRecord> {
    const record: RealmRecord = {
      ...realmKey(rep.id),
      ...realmListing(rep.realm),
      entity: 'Realm',
      id: rep.id,
      name: rep.realm,
      version: 1,
      configVersion: 1,
      rep,
    };
    const sentinel: NameSentinel = { ...realmNameKey(rep.realm), realmId: rep.id };
    await this.store.transact([
      { kind: 'create', item: sentinel, onConflict: () => new ConflictError(duplicateRealmMessage(rep.realm)) },
      { kind: 'create', item: record, onConflict: () => new ConflictError(duplicateRealmMessage(rep.realm)) },
      ...alongside,
    ]);
    return record;
  }

  async getById(id: string, options: { consistent?: boolean } = {}): Promise<RealmRecord | undefined> {
    return this.store.get<RealmRecord>(realmKey(id), options);
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
    return this.store.query<RealmRecord>({ partition: realmListingPartition, index: 'gsi1', limit, cursor });
  }

  /**
   * Replaces the realm representation if nobody changed it since `current` was read.
   * A rename moves the name sentinel in the same transaction, so two realms can never share a name.
   */
  async update(current: RealmRecord, rep: RealmRepresentation & { realm: string }): Promise<void> {
    const renamed = rep.realm !== current.name;
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
    if (renamed) {
      writes.push(
        { kind: 'delete', key: realmNameKey(current.name), mustExist: true },
        {
          kind: 'create',
          item: { ...realmNameKey(rep.realm), realmId: current.id },
          onConflict: () => new ConflictError(renameConflictMessage),
        },
      );
    }
    await this.store.transact(writes);
  }

  /**
   * Deletes the realm and everything under it. The realm item and its name go first, in one
   * transaction, so the realm disappears at once; then every partition registered under the realm
   * (gsi2, KEYS_ONLY) and the realm's own partition are emptied by key, without a Scan.
   */
  async delete(id: string): Promise<void> {
    const record = await this.getById(id, { consistent: true });
    if (!record) throw new NotFoundError('Realm not found.');
    await this.store.transact([
      { kind: 'delete', key: realmKey(id), mustExist: true, onConflict: () => new NotFoundError('Realm not found.') },
      { kind: 'delete', key: realmNameKey(record.name) },
    ]);
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
