import { beforeAll, describe, expect, it } from 'vitest';
import { ConcurrentModificationError, ConflictError, InvalidCursorError } from '../../shared/store/errors.js';
import { nowSeconds } from '../../shared/store/expiry.js';
import type { Store } from '../../shared/store/store.js';
import { freshTable } from '../support/tables.js';

let store: Store;
beforeAll(async () => {
  ({ store } = await freshTable());
});

describe('store on DynamoDB Local', () => {
  it('creates once: a second create of the same key is a conflict', async () => {
    await store.create({ pk: 'T#1', sk: '#', v: 1 }, () => new ConflictError('taken'));
    await expect(store.create({ pk: 'T#1', sk: '#', v: 2 }, () => new ConflictError('taken'))).rejects.toThrow('taken');
    expect(await store.get({ pk: 'T#1', sk: '#' })).toMatchObject({ v: 1 });
  });

  it('updates only from the version that was read (optimistic concurrency)', async () => {
    await store.create({ pk: 'T#2', sk: '#', version: 1, name: 'a' }, () => new ConflictError('x'));
    const [first, second] = await Promise.allSettled([
      store.updateVersioned({ pk: 'T#2', sk: '#' }, 1, { name: 'b' }),
      store.updateVersioned({ pk: 'T#2', sk: '#' }, 1, { name: 'c' }),
    ]);
    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const rejected = [first, second].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrentModificationError);
    expect(await store.get({ pk: 'T#2', sk: '#' }, { consistent: true })).toMatchObject({ version: 2 });
  });

  it('consumes a single-use item exactly once under concurrency, and never an expired one', async () => {
    await store.put({ pk: 'CODE#1', sk: '#', expiresAt: nowSeconds() + 60, user: 'u' });
    const results = await Promise.all(Array.from({ length: 8 }, () => store.consume({ pk: 'CODE#1', sk: '#' })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results.find(Boolean)).toMatchObject({ user: 'u' });

    await store.put({ pk: 'CODE#2', sk: '#', expiresAt: nowSeconds() - 1 });
    expect(await store.get({ pk: 'CODE#2', sk: '#' })).toBeUndefined();
    expect(await store.consume({ pk: 'CODE#2', sk: '#' })).toBeUndefined();
  });

  it('commits a transaction whole or not at all, naming the write that failed', async () => {
    await store.create({ pk: 'NAME#taken', sk: '#' }, () => new ConflictError('x'));
    await expect(
      store.transact([
        { kind: 'create', item: { pk: 'ENTITY#9', sk: '#' }, onConflict: () => new ConflictError('entity') },
        { kind: 'create', item: { pk: 'NAME#taken', sk: '#' }, onConflict: () => new ConflictError('name taken') },
      ]),
    ).rejects.toThrow('name taken');
    expect(await store.get({ pk: 'ENTITY#9', sk: '#' }, { consistent: true })).toBeUndefined();
  });

  it('pages a partition with an opaque cursor, leaving expired items out', async () => {
    for (let i = 0; i < 7; i++) await store.put({ pk: 'LIST#1', sk: `I#${i}`, i, ...(i === 3 ? { expiresAt: 1 } : {}) });
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query<{ pk: string; sk: string; i: number }>({ partition: 'LIST#1', limit: 3, cursor, consistent: true });
      seen.push(...page.items.map((item) => item.i));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 4, 5, 6]);
    await expect(store.query({ partition: 'LIST#1', limit: 3, cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('reports requests DynamoDB cannot take as validation errors, not crashes', async () => {
    await expect(store.get({ pk: 'x'.repeat(3000), sk: '#' })).rejects.toMatchObject({ name: 'StoreValidationError' });
  });
});
