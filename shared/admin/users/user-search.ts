import type { UserRepresentation } from '../../model/user.js';
import type { AdminQuery } from '../query.js';

/** UsersResource's `search=id:<id>` form: the one user with that id. */
const ID_PREFIX = 'id:';

/**
 * What GET /users and /users/count were asked for, read as Keycloak's UsersResource reads it:
 * `search` (then only enabled and emailVerified still count), else the field filters (username,
 * email, firstName, lastName with `exact`, enabled, emailVerified, idpAlias, idpUserId, `q`
 * attributes), else everything. Service accounts are listed only when field filters are used.
 */
export interface UserCriteria {
  /** `search=id:...`: only this user, no other filter. */
  readonly id?: string;
  /** `exact=true&username=...`: at most this one user (found by its username sentinel). */
  readonly exactUsername?: string;
  readonly idpAlias?: string;
  readonly idpUserId?: string;
  readonly includeServiceAccounts: boolean;
  /** The filters a user item alone can answer. */
  matches(user: UserRepresentation): boolean;
}

export function userCriteria(query: AdminQuery): UserCriteria {
  const search = query.string('search');
  const enabled = query.boolean('enabled');
  const emailVerified = query.boolean('emailVerified');
  const flags = (user: UserRepresentation) => (enabled === undefined || user.enabled === enabled) && (emailVerified === undefined || user.emailVerified === emailVerified);
  if (search !== undefined) {
    if (search.startsWith(ID_PREFIX)) return { id: search.slice(ID_PREFIX.length).trim(), includeServiceAccounts: true, matches: () => true };
    const terms = search.trim().split(/\s+/).filter(Boolean).map(searchTerm);
    return { includeServiceAccounts: false, matches: (user) => flags(user) && terms.every((term) => term(user)) };
  }
  const exact = query.boolean('exact');
  const fields = (['username', 'email', 'firstName', 'lastName'] as const)
    .map((name) => [name, query.string(name)] as const)
    .filter((entry): entry is readonly [(typeof entry)[0], string] => entry[1] !== undefined);
  const attributes = Object.entries(searchQueryFields(query.string('q') ?? ''));
  const idpAlias = query.string('idpAlias');
  const idpUserId = query.string('idpUserId');
  const filtered = fields.length > 0 || attributes.length > 0 || enabled !== undefined || emailVerified !== undefined || exact !== undefined || idpAlias !== undefined || idpUserId !== undefined;
  const username = fields.find(([name]) => name === 'username')?.[1];
  return {
    ...(exact === true && username !== undefined ? { exactUsername: username } : {}),
    ...(idpAlias !== undefined ? { idpAlias } : {}),
    ...(idpUserId !== undefined ? { idpUserId } : {}),
    includeServiceAccounts: filtered,
    matches: (user) =>
      flags(user) &&
      fields.every(([name, value]) => fieldMatches(user[name], value, exact === true)) &&
      attributes.every(([name, value]) => (user.attributes?.[name] ?? []).some((held) => (exact === false ? held.toLowerCase().includes(value.toLowerCase()) : held.toLowerCase() === value.toLowerCase()))),
  };
}

/**
 * JpaUserProvider's field filters: case-insensitive, the whole value with `exact=true`, else any part
 * of it. A user without the field never matches.
 */
function fieldMatches(held: string | undefined, wanted: string, exact: boolean): boolean {
  if (held === undefined) return false;
  return exact ? held.toLowerCase() === wanted.toLowerCase() : held.toLowerCase().includes(wanted.toLowerCase());
}

/**
 * One whitespace-separated term of `search` (JpaUserProvider.getSearchOptionPredicateArray), matched
 * case-insensitively against username, email, first and last name: `"x"` is an exact match, `*` a
 * wildcard (so `*x*` finds x anywhere), and a term is a prefix unless it ends with `*`.
 */
function searchTerm(raw: string): (user: UserRepresentation) => boolean {
  const term = raw.toLowerCase();
  const values = (user: UserRepresentation) => [user.username, user.email, user.firstName, user.lastName].filter((value): value is string => value !== undefined).map((value) => value.toLowerCase());
  if (term.length >= 2 && term.startsWith('"') && term.endsWith('"')) {
    const exact = term.slice(1, -1);
    return (user) => values(user).includes(exact);
  }
  const pattern = term.endsWith('*') ? term : `${term}*`;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`, 's');
  return (user) => values(user).some((value) => regex.test(value));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * SearchQueryUtils.getFields: `q` as space-separated `name:value` pairs, either side optionally in
 * double quotes (with backslash escapes) to hold spaces or colons.
 */
export function searchQueryFields(q: string): Record<string, string> {
  const pattern = /\s*(?:([^"][^: ]+)|"((?:\\.|[^"])+)"):(?:([^"][^ ]*)|"((?:\\.|[^"])+)")\s*/g;
  const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
  const fields: Record<string, string> = {};
  for (const match of q.matchAll(pattern)) {
    const name = match[1] ?? unescape(match[2] ?? '');
    fields[name] = match[3] ?? unescape(match[4] ?? '');
  }
  return fields;
}
