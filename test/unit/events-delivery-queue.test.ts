import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveryFiles, type StoredDelivery } from '../../bin/local/events/delivery-files.js';
import { DeliveryQueue, localBackoff, retryDelayMs, type AttemptResult, type BackoffPolicy } from '../../bin/local/events/delivery-queue.js';
import { isRetryableStatus } from '../../shared/events/listeners/rules.js';

/** The local bus's delivery guarantees: durable until done, exponential backoff, dead letters with their error. */

const fast: BackoffPolicy = { maximumRetryAttempts: 3, maximumEventAgeSeconds: 60, initialDelayMs: 5, maxDelayMs: 20 };

function delivery(id = 'd1'): StoredDelivery {
  return {
    id,
    target: 'webhook',
    url: 'http://127.0.0.1:1/hook',
    firstAttemptAt: Date.now(),
    attempts: 0,
    delivery: { listenerId: 'hook', listenerType: 'webhook', realmId: 'r1', kind: 'user', signature: 't=1,v1=00', event: { id: 'e1', realmId: 'r1', realmName: 'shop', time: 1, type: 'REGISTER' } },
  };
}

async function files(): Promise<DeliveryFiles> {
  const store = new DeliveryFiles(join(await mkdtemp(join(tmpdir(), 'gatehouse-dlq-')), 'events'));
  await store.ensure();
  return store;
}

async function until(check: () => Promise<boolean>, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A sender answering from a script, one answer per attempt (the last repeats). */
function scripted(...answers: AttemptResult[]) {
  const attempts: number[] = [];
  const send = async () => {
    attempts.push(Date.now());
    return answers[Math.min(attempts.length - 1, answers.length - 1)]!;
  };
  return { attempts, send };
}

const down: AttemptResult = { ok: false, retryable: true, message: 'no connection (ECONNREFUSED)' };

describe('local delivery queue', () => {
  it('retries a receiver that is down, then delivers and forgets the delivery', async () => {
    const store = await files();
    const sender = scripted(down, down, { ok: true });
    const queue = new DeliveryQueue(store, { webhook: sender.send, email: sender.send }, fast);
    await queue.enqueue(delivery());
    await until(async () => sender.attempts.length === 3 && (await store.pending()).length === 0);
    expect(await store.deadLetters()).toEqual([]);
    await queue.stop();
  });

  it('dead-letters a refusal EventBridge would not retry at once, with its error', async () => {
    const store = await files();
    const sender = scripted({ ok: false, retryable: false, status: 422, message: 'HTTP 422: realm not served' });
    const queue = new DeliveryQueue(store, { webhook: sender.send, email: sender.send }, fast);
    await queue.enqueue(delivery());
    await until(async () => (await store.deadLetters()).length === 1);
    expect(sender.attempts).toHaveLength(1);
    expect((await store.deadLetters())[0]).toMatchObject({ id: 'd1', attempts: 1, error: { status: 422, message: 'HTTP 422: realm not served' } });
    expect(await store.pending()).toEqual([]);
    await queue.stop();
  });

  it('dead-letters after the retry policy runs out (1 attempt + maximumRetryAttempts retries)', async () => {
    const store = await files();
    const sender = scripted({ ok: false, retryable: true, status: 503, message: 'HTTP 503' });
    const queue = new DeliveryQueue(store, { webhook: sender.send, email: sender.send }, fast);
    await queue.enqueue(delivery());
    await until(async () => (await store.deadLetters()).length === 1);
    expect(sender.attempts).toHaveLength(fast.maximumRetryAttempts + 1);
    expect((await store.deadLetters())[0]).toMatchObject({ attempts: 4, error: { status: 503 } });
    await queue.stop();
  });

  it('keeps pending deliveries on disk across a stop, and delivers them after a restart', async () => {
    const store = await files();
    const first = new DeliveryQueue(store, { webhook: async () => down, email: async () => down }, { ...fast, initialDelayMs: 60_000, maxDelayMs: 60_000 });
    await first.enqueue(delivery('kept'));
    await until(async () => (await store.pending())[0]?.attempts === 1);
    await first.stop();
    const sender = scripted({ ok: true });
    const second = new DeliveryQueue(store, { webhook: sender.send, email: sender.send }, fast);
    expect(await second.resume()).toBe(1);
    await until(async () => (await store.pending()).length === 0);
    expect(sender.attempts).toHaveLength(1);
    await second.stop();
  });

  it('moves dead letters back for redrive (all, or by id)', async () => {
    const store = await files();
    await store.deadLetter({ ...delivery('a'), failedAt: 1, error: { message: 'x' } });
    await store.deadLetter({ ...delivery('b'), failedAt: 2, error: { message: 'y' } });
    expect(await store.redrive(['b', 'nope', '../x'])).toEqual(['b']);
    expect((await store.deadLetters()).map((d) => d.id)).toEqual(['a']);
    expect((await store.takeRedrives()).map((d) => d.id)).toEqual(['b']);
    expect(await store.takeRedrives()).toEqual([]);
    expect(await store.redrive()).toEqual(['a']);
  });

  it('backs off exponentially from 1 s to 5 minutes, never earlier than the schedule', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(localBackoff, n, noJitter))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000]);
    expect(retryDelayMs(localBackoff, 20, noJitter)).toBe(300_000);
    expect(retryDelayMs(localBackoff, 1, () => 0.999)).toBeLessThanOrEqual(1100);
    expect(retryDelayMs(localBackoff, 1, () => 0.999)).toBeGreaterThanOrEqual(1000);
  });

  it("retries the statuses EventBridge's API destinations retry, and no other 4xx", () => {
    for (const status of [401, 407, 409, 429, 500, 502, 503]) expect(isRetryableStatus(status), String(status)).toBe(true);
    for (const status of [400, 403, 404, 410, 413, 422]) expect(isRetryableStatus(status), String(status)).toBe(false);
  });
});
