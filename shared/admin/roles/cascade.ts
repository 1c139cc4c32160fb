import type { AdminEventInput } from '../../events/admin-event.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { ItemKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import type { AdminRequest } from '../admin-request.js';

/** DynamoDB's limit, less the admin event and the configVersion bump the final commit adds. */
const ROOM = 98;

/** A change that reaches beyond its root item: dependents to delete or update, then the root writes. */
export interface Cascade {
  readonly deletes: readonly ItemKey[];
  readonly updates: readonly TransactWrite[];
  /** The root's own writes; they commit last, with the admin event. */
  readonly final: readonly TransactWrite[];
}

/**
 * Commits a cascade (DESIGN.md §5, §10): in one transaction with its admin event when it fits;
 * otherwise the dependents go first (deletes in batches, updates in transactions of their own) and
 * the root writes commit last with the event, so a failure part-way leaves the root in place and
 * running the request again finishes the job. Keys written twice are written once.
 */
export async function commitCascade(request: AdminRequest, realm: RealmConfig, cascade: Cascade, event: AdminEventInput, config: boolean): Promise<void> {
  const touched = new Set<string>();
  const keyOf = (write: TransactWrite): ItemKey => (write.kind === 'create' || write.kind === 'put' ? write.item : write.key);
  const mark = (key: ItemKey) => {
    const id = `${key.pk}\u0000${key.sk}`;
    if (touched.has(id)) return false;
    touched.add(id);
    return true;
  };
  const final = cascade.final.filter((write) => mark(keyOf(write)));
  const updates = cascade.updates.filter((write) => mark(keyOf(write)));
  const deletes = cascade.deletes.filter(mark);
  if (final.length + updates.length + deletes.length <= ROOM) {
    const writes: TransactWrite[] = [...deletes.map((key): TransactWrite => ({ kind: 'delete', key })), ...updates, ...final];
    await request.commit(writes, event, { config, realm });
    return;
  }
  await request.store.deleteMany(deletes);
  for (let start = 0; start < updates.length; start += 100) await request.store.transact(updates.slice(start, start + 100));
  await request.commit(final, event, { config, realm });
}
