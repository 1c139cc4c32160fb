import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryDetail } from '../../../shared/events/listeners/rules.js';

/** One delivery of an event to one local listener target, as the local bus keeps it on disk. */
export interface StoredDelivery {
  /** The bus event's id (one per delivery entry), also the file name. */
  readonly id: string;
  readonly target: 'webhook' | 'email';
  /** webhook: where it is POSTed (the listener's URL when it was queued). */
  readonly url?: string;
  readonly delivery: DeliveryDetail;
  readonly firstAttemptAt: number;
  readonly attempts: number;
  /** Dead letters: why the last attempt failed. */
  readonly error?: { readonly status?: number; readonly message: string };
  readonly failedAt?: number;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The local bus's durable state under `<data dir>/events/`: `pending/` (deliveries not yet done, picked
 * up again after a restart, as EventBridge keeps retrying while Gatehouse is down), `dead-letters/`
 * (given up, with their error: the local dead-letter queue) and `redrive/` (dead letters the CLI sent
 * back; the running bus delivers them again). One JSON file per delivery; moves are renames.
 */
export class DeliveryFiles {
  constructor(readonly root: string) {}

  private dir(kind: 'pending' | 'dead-letters' | 'redrive'): string {
    return join(this.root, kind);
  }

  async ensure(): Promise<void> {
    for (const kind of ['pending', 'dead-letters', 'redrive'] as const) await mkdir(this.dir(kind), { recursive: true });
  }

  savePending(delivery: StoredDelivery): Promise<void> {
    return writeAtomically(join(this.dir('pending'), `${delivery.id}.json`), delivery);
  }

  async removePending(id: string): Promise<void> {
    await rm(join(this.dir('pending'), `${id}.json`), { force: true });
  }

  pending(): Promise<StoredDelivery[]> {
    return this.readAll('pending');
  }

  /** Dead-letters a delivery: written to dead-letters/, then dropped from pending/. */
  async deadLetter(delivery: StoredDelivery): Promise<void> {
    await writeAtomically(join(this.dir('dead-letters'), `${delivery.id}.json`), delivery);
    await this.removePending(delivery.id);
  }

  deadLetters(): Promise<StoredDelivery[]> {
    return this.readAll('dead-letters');
  }

  /** Sends dead letters (all, or those with these ids) back for delivery; answers the ids moved. */
  async redrive(ids?: readonly string[]): Promise<string[]> {
    await this.ensure();
    const chosen = ids ?? (await this.deadLetters()).map((delivery) => delivery.id);
    const moved: string[] = [];
    for (const id of chosen) {
      if (!ID.test(id)) continue;
      try {
        await rename(join(this.dir('dead-letters'), `${id}.json`), join(this.dir('redrive'), `${id}.json`));
        moved.push(id);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return moved;
  }

  /** Takes the deliveries the CLI queued for redrive (they leave redrive/ as they are returned). */
  async takeRedrives(): Promise<StoredDelivery[]> {
    const taken = await this.readAll('redrive');
    for (const delivery of taken) await rm(join(this.dir('redrive'), `${delivery.id}.json`), { force: true });
    return taken;
  }

  private async readAll(kind: 'pending' | 'dead-letters' | 'redrive'): Promise<StoredDelivery[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir(kind))).filter((name) => name.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const all: StoredDelivery[] = [];
    for (const name of names) {
      try {
        all.push(JSON.parse(await readFile(join(this.dir(kind), name), 'utf8')) as StoredDelivery);
      } catch {
        // A file another process is renaming away, or a half-written one from a crash: skip it.
      }
    }
    return all.sort((a, b) => (a.failedAt ?? a.firstAttemptAt) - (b.failedAt ?? b.firstAttemptAt));
  }
}

/** Write to a temporary name, then rename: a reader never sees half a file. */
async function writeAtomically(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(value, null, 2));
  await rename(temporary, path);
}
