import { log } from '../../log/logger.js';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import { ProtocolMapperError } from './errors.js';
import { isJsonObject, jsonEquals } from './java-values.js';
import { mapAttributeValue, type RawValue } from './json-type.js';
import { CONFIG, type Claims, type TokenCategory } from './mapper.js';
import { TOKEN_PROPERTY_SETTERS } from './token-properties.js';

// Keycloak's JsonUtils.CLAIM_COMPONENT: a component is one or more characters that are either a
// backslash-escaped character or anything but a backslash or a dot, ended by a dot.
const CLAIM_COMPONENT = /^((?:\\.|[^\\.])+?)\./;
const BACKSLASHED_CHARACTER = /\\(.)/g;

/**
 * JsonUtils.splitClaimPath: "address.street" → ["address", "street"]; "\." keeps a dot inside a
 * component ("my\.claim" → ["my.claim"]); "\\" is a literal backslash. Whatever cannot be split
 * further (a leading dot, "..") stays in the last component, as in Keycloak.
 */
export function splitClaimPath(claimPath: string): string[] {
  const components: string[] = [];
  let start = 0;
  for (;;) {
    const match = CLAIM_COMPONENT.exec(claimPath.slice(start));
    if (!match) break;
    components.push((match[1] as string).replace(BACKSLASHED_CHARACTER, '$1'));
    start += match[0].length;
  }
  if (claimPath.length > start) components.push(claimPath.slice(start).replace(BACKSLASHED_CHARACTER, '$1'));
  return components;
}

const splitPaths = new Map<string, readonly string[]>();
/** Claim names come from mapper configuration (and client ids); this bounds the memo all the same. */
const MAX_SPLIT_PATHS = 512;

/** splitClaimPath, remembered per claim name (every token runs the same mappers). */
export function claimPathOf(claimName: string): readonly string[] {
  let path = splitPaths.get(claimName);
  if (!path) {
    if (splitPaths.size >= MAX_SPLIT_PATHS) splitPaths.clear();
    splitPaths.set(claimName, (path = Object.freeze(splitClaimPath(claimName))));
  }
  return path;
}

/** Walks to the object holding the last component, creating nested objects (Keycloak: HashMaps). */
export function parentObject(claims: Claims, path: readonly string[]): Record<string, unknown> {
  let current: Record<string, unknown> = claims;
  for (const component of path.slice(0, -1)) {
    const nested = current[component];
    if (nested === undefined || nested === null) {
      const created: Record<string, unknown> = {};
      current[component] = created;
      current = created;
    } else if (isJsonObject(nested)) {
      current = nested;
    } else {
      // Keycloak casts the existing value to a Map and fails the token request with a ClassCastException.
      throw new ProtocolMapperError(`Claim '${component}' is not an object; cannot nest '${path.join('.')}' under it`);
    }
  }
  return current;
}

/**
 * JsonUtils.mapClaim: puts a value at a claim path. A multivalued mapper merges into what earlier
 * mappers put there: an existing value becomes a list and new values are appended unless equal to
 * one already present (so several group or attribute mappers can fill one array claim).
 */
export function putClaim(claims: Claims, path: readonly string[], value: unknown, multivalued: boolean): void {
  if (path.length === 0) return;
  const target = parentObject(claims, path);
  const last = path[path.length - 1] as string;
  const existing = target[last];
  if (!multivalued || existing === undefined || existing === null) {
    target[last] = value;
    return;
  }
  const merged: unknown[] = Array.isArray(existing) ? [...(existing as unknown[])] : [existing];
  for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
    if (!merged.some((present) => jsonEquals(present, item))) merged.push(item);
  }
  target[last] = merged;
}

/**
 * OIDCAttributeMapperHelper.mapClaim: converts the value per `jsonType.label` and `multivalued`, then
 * either sets a typed token field (token-properties.ts) or puts it at the claim path. No value, an
 * empty list, or no claim name: no claim.
 */
export function mapClaim(
  claims: Claims,
  claimName: string | undefined,
  value: RawValue,
  jsonType: string | undefined,
  multivalued: boolean,
  category: TokenCategory,
  mapperName = '',
): void {
  const mapped = mapAttributeValue(value, jsonType, multivalued, mapperName);
  if (mapped === undefined || claimName === undefined) return;
  const path = claimPathOf(claimName);
  if (path.length === 0) return;
  const setter = TOKEN_PROPERTY_SETTERS.get(path[0] as string);
  if (setter) {
    // Keycloak ignores (with a warning) a nested path under a typed field, e.g. "sub.x".
    if (path.length === 1) setter(claims, mapped, category);
    else log('warn', 'Claim contains more than one level in a setter; ignoring the assignment', { claim: claimName, mapper: mapperName });
    return;
  }
  putClaim(claims, path, mapped, multivalued);
}

/** mapClaim with the claim name, JSON type and multivalued switch read from the mapper's config. */
export function mapClaimFromConfig(
  claims: Claims,
  mapper: ProtocolMapperRepresentation,
  value: RawValue,
  category: TokenCategory,
  multivalued = mapper.config[CONFIG.multivalued] === 'true',
): void {
  mapClaim(claims, mapper.config[CONFIG.claimName], value, mapper.config[CONFIG.jsonType], multivalued, category, mapper.name);
}
