import type { HttpEvent } from '../http/handler.js';
import { AdminBadRequest } from './errors.js';

/** An admin request's query string (Keycloak's @QueryParam values; the first of repeated names wins). */
export class AdminQuery {
  private readonly params: URLSearchParams;

  constructor(event: HttpEvent) {
    this.params = new URLSearchParams(event.rawQueryString ?? '');
  }

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  all(name: string): string[] {
    return this.params.getAll(name);
  }

  /** `true` / `false` (any case), as RESTEasy converts a Boolean; anything else is a 400. */
  boolean(name: string): boolean | undefined {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return undefined;
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    throw new AdminBadRequest(`Query parameter ${name} must be true or false`);
  }

  integer(name: string): number | undefined {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) throw new AdminBadRequest(`Query parameter ${name} must be a whole number`);
    return value;
  }

  /**
   * Keycloak's paging parameters: `first` (offset, default 0) and `max` (page size). A negative value
   * means "no limit" as in Keycloak's paginatedStream; `defaultMax` applies when max is absent.
   */
  page(defaultMax: number | undefined = 100): { first: number; max: number | undefined } {
    const first = Math.max(0, this.integer('first') ?? 0);
    const rawMax = this.integer('max');
    const max = rawMax === undefined ? defaultMax : rawMax < 0 ? undefined : rawMax;
    return { first, max };
  }
}
