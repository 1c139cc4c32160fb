import type { Item, QueryOptions, Store } from './store.js';

/**
 * Keycloak's `first`/`max` paging over a Query (DESIGN.md §5: every listing is a Query, never a
 * Scan): items the filter keeps are counted from `first`, and at most `max` are returned (all when
 * `max` is undefined). Reads stop as soon as the page is full.
 */
export async function offsetPage<T extends Item>(
  store: Store,
  options: Omit<QueryOptions, 'limit' | 'cursor'>,
  page: { first: number; max: number | undefined },
  keep: (item: T) => boolean = () => true,
): Promise<T[]> {
  return pageOfStream(kept(store.queryAll<T>(options), keep), page);
}

/** Keycloak's first/max over any stream: skip `first`, then at most `max` (all when undefined); stops reading once full. */
export async function pageOfStream<T>(items: AsyncIterable<T>, page: { first: number; max: number | undefined }): Promise<T[]> {
  const found: T[] = [];
  if (page.max === 0) return found;
  let skipped = 0;
  for await (const item of items) {
    if (skipped < page.first) {
      skipped++;
      continue;
    }
    found.push(item);
    if (page.max !== undefined && found.length >= page.max) break;
  }
  return found;
}

async function* kept<T>(items: AsyncIterable<T>, keep: (item: T) => boolean): AsyncGenerator<T> {
  for await (const item of items) if (keep(item)) yield item;
}

/** How many items of a Query the filter keeps (Keycloak's `/count` endpoints). */
export async function countMatching<T extends Item>(store: Store, options: Omit<QueryOptions, 'limit' | 'cursor'>, keep: (item: T) => boolean = () => true): Promise<number> {
  let count = 0;
  for await (const item of store.queryAll<T>(options)) if (keep(item)) count++;
  return count;
}
