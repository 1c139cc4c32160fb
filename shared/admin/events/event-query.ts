import type { AdminEventRepresentation } from '../../events/admin-event.js';
import type { EventRepresentation } from '../../events/user-event.js';
import { HttpError } from '../../http/errors.js';
import type { AdminQuery } from '../query.js';
import { isEventType, operationTypes, resourceTypes } from './event-types.js';

/**
 * A JAX-RS BadRequestException from RealmAdminResource's event listings, rendered by Keycloak's
 * error handler as `{"error": message}`.
 */
export class EventQueryError extends HttpError {
  readonly statusCode = 400;
  body() {
    return { error: this.message };
  }
}

/** What both listings share: the time window, paging and order (Keycloak's EventQuery / AdminEventQuery). */
export interface EventWindow {
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, inclusive. */
  readonly to?: number;
  readonly first: number;
  /** Undefined: no limit (a negative `max`). */
  readonly max: number | undefined;
  readonly ascending: boolean;
}

export interface EventFilter<T> {
  readonly window: EventWindow;
  readonly keep: (rep: T) => boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * DateUtil.toStartOfDay / toEndOfDay: `yyyy-MM-dd` is a whole day (from its first to its last
 * millisecond, UTC here as Lambda's clock), anything else must be epoch milliseconds.
 */
function parseDate(raw: string, name: 'dateFrom' | 'dateTo'): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    if (!Number.isNaN(start) && new Date(start).toISOString().startsWith(raw)) return name === 'dateFrom' ? start : start + DAY_MS - 1;
  } else if (/^-?\d{1,16}$/.test(raw)) {
    return Number(raw);
  }
  throw new EventQueryError(`Invalid value for '${name}', expected format is yyyy-MM-dd or an Epoch timestamp`);
}

function window(query: AdminQuery): EventWindow {
  const rawFrom = query.string('dateFrom');
  const rawTo = query.string('dateTo');
  const direction = query.string('direction');
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
    throw new EventQueryError('Invalid value for sortDirection, expected value is asc or desc');
  }
  const { first, max } = query.page(100);
  return {
    ...(rawFrom === undefined ? {} : { from: parseDate(rawFrom, 'dateFrom') }),
    ...(rawTo === undefined ? {} : { to: parseDate(rawTo, 'dateTo') }),
    first,
    max,
    ascending: direction === 'asc',
  };
}

/** Enum values from a repeated parameter; Keycloak's `valueOf` refuses unknown names. */
function enumValues(query: AdminQuery, name: string, valid: (value: string) => boolean): Set<string> | undefined {
  const values = query.all(name).filter((value) => value !== '');
  if (values.length === 0) return undefined;
  const unknown = values.find((value) => !valid(value));
  if (unknown !== undefined) throw new EventQueryError(`Invalid value for '${name}': ${unknown}`);
  return new Set(values);
}

/** Equality on an optional parameter (JPA's `cb.equal`): absent means no filter. */
function equals(expected: string | undefined, actual: string | undefined): boolean {
  return expected === undefined || expected === actual;
}

/** GET /{realm}/events: client (clientId), type (repeatable), user (id), ipAddress. */
export function userEventFilter(query: AdminQuery): EventFilter<EventRepresentation> {
  const types = enumValues(query, 'type', isEventType);
  const client = query.string('client');
  const user = query.string('user');
  const ip = query.string('ipAddress');
  return {
    window: window(query),
    keep: (rep) => (!types || types.has(rep.type)) && equals(client, rep.clientId) && equals(user, rep.userId) && equals(ip, rep.ipAddress),
  };
}

/**
 * Keycloak's resourcePath filter: `*` stands for any run of characters (JpaAdminEventQuery turns it
 * into SQL LIKE's `%`); everything else matches literally.
 */
export function resourcePathMatcher(pattern: string): (path: string) => boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 's');
  return (path) => regex.test(path);
}

/** GET /{realm}/admin-events: operationTypes, resourceTypes (repeatable), authRealm/Client/User/IpAddress, resourcePath. */
export function adminEventFilter(query: AdminQuery): EventFilter<AdminEventRepresentation> {
  const operations = enumValues(query, 'operationTypes', (value) => (operationTypes as readonly string[]).includes(value));
  const resources = enumValues(query, 'resourceTypes', (value) => (resourceTypes as readonly string[]).includes(value));
  const realm = query.string('authRealm');
  const client = query.string('authClient');
  const user = query.string('authUser');
  const ip = query.string('authIpAddress');
  const rawPath = query.string('resourcePath');
  const path = rawPath === undefined ? undefined : resourcePathMatcher(rawPath);
  return {
    window: window(query),
    keep: (rep) =>
      (!operations || operations.has(rep.operationType)) &&
      (!resources || resources.has(rep.resourceType)) &&
      equals(realm, rep.authDetails?.realmId) &&
      equals(client, rep.authDetails?.clientId) &&
      equals(user, rep.authDetails?.userId) &&
      equals(ip, rep.authDetails?.ipAddress) &&
      (!path || path(rep.resourcePath)),
  };
}
