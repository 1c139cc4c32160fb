import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import { parentObject, claimPathOf } from './claim-path.js';
import { isJsonObject } from './java-values.js';
import { mapAttributeValue } from './json-type.js';
import { CONFIG, type Claims, type TokenCategory } from './mapper.js';

const CLIENT_ID_PLACEHOLDER = '${client_id}';

/** AccessToken.Access.addRole into `realm_access` / `resource_access.<client>`: a set of role names. */
function addToAccess(holder: Record<string, unknown>, key: string, roles: readonly unknown[]): void {
  const access = isJsonObject(holder[key]) ? (holder[key] as Record<string, unknown>) : {};
  holder[key] = access;
  const current = Array.isArray(access['roles']) ? (access['roles'] as unknown[]) : [];
  access['roles'] = [...new Set([...current, ...roles])];
}

/**
 * AbstractUserRoleMappingMapper.checkAccessToken: in tokens Keycloak builds as an AccessToken (access,
 * userinfo, introspection), a multivalued `realm_access.roles` or `resource_access.<client>.roles`
 * claim goes into the token's Access objects, whose roles are a set: several role mappers writing
 * there end up with one de-duplicated list. The ID token has no such fields, so it takes the generic path.
 */
function addToAccessToken(claims: Claims, path: readonly string[], roles: readonly unknown[]): boolean {
  if (path.length === 2 && path[0] === 'realm_access' && path[1] === 'roles') {
    addToAccess(claims, 'realm_access', roles);
    return true;
  }
  if (path.length === 3 && path[0] === 'resource_access' && path[2] === 'roles') {
    const resourceAccess = isJsonObject(claims['resource_access']) ? (claims['resource_access'] as Record<string, unknown>) : {};
    claims['resource_access'] = resourceAccess;
    addToAccess(resourceAccess, path[1] as string, roles);
    return true;
  }
  return false;
}

/**
 * AbstractUserRoleMappingMapper.setClaim/mapClaim: prefixes each role (`usermodel.*RoleMapping.rolePrefix`),
 * converts per the mapper's JSON type and `multivalued`, replaces `${client_id}` in the claim name with
 * the client id (its dots and backslashes escaped so it stays one path component), then writes the
 * claim. Outside the access-token special case a list is appended to an existing list (duplicates
 * kept, as Keycloak's addAll on an ArrayList) and anything else replaces what was there.
 */
export function mapRoleClaim(
  claims: Claims,
  mapper: ProtocolMapperRepresentation,
  roles: Iterable<string>,
  clientId: string | undefined,
  prefix: string | undefined,
  category: TokenCategory,
): void {
  const named = [...new Set([...roles].map((role) => (prefix ? prefix + role : role)))];
  const value = mapAttributeValue(named, mapper.config[CONFIG.jsonType], mapper.config[CONFIG.multivalued] === 'true', mapper.name);
  if (value === undefined) return;
  let claimName = mapper.config[CONFIG.claimName];
  if (claimName === undefined) return;
  if (clientId !== undefined) {
    const escaped = clientId.replaceAll('\\', '\\\\').replaceAll('.', '\\.');
    // A replacer function, so "$" in a client id is literal (Keycloak's Matcher.quoteReplacement).
    claimName = claimName.replaceAll(CLIENT_ID_PLACEHOLDER, () => escaped);
  }
  const path = claimPathOf(claimName);
  if (category !== 'id' && Array.isArray(value) && addToAccessToken(claims, path, value)) return;
  if (path.length === 0) return;
  const target = parentObject(claims, path);
  const last = path[path.length - 1] as string;
  const existing = target[last];
  target[last] = Array.isArray(existing) && Array.isArray(value) ? [...(existing as unknown[]), ...value] : value;
}
