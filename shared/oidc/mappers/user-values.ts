import type { UserRepresentation } from '../../model/user.js';
import type { MapperGroup } from './mapper.js';

/** The UserModel fields Keycloak exposes as attributes too (UserModel.USERNAME, EMAIL, FIRST_NAME, LAST_NAME). */
const FIRST_CLASS_ATTRIBUTES = new Set(['username', 'email', 'firstName', 'lastName']);

/** UserModel.getAttributeStream(name): the stored values, or the field for the first-class attributes. */
export function userAttributeValues(user: UserRepresentation, name: string): string[] {
  if (FIRST_CLASS_ATTRIBUTES.has(name)) {
    const field = user[name];
    return typeof field === 'string' ? [field] : [];
  }
  return [...(user.attributes?.[name] ?? [])];
}

/** UserModel.getFirstAttribute(name). */
export function userFirstAttribute(user: UserRepresentation, name: string): string | undefined {
  return userAttributeValues(user, name)[0];
}

/** KeycloakModelUtils.resolveAttribute(GroupModel, ...): the group's values, then its parents' when it has none (or always, aggregating). */
function groupAttributeValues(group: MapperGroup, name: string, aggregate: boolean): Set<string> {
  const values = new Set(group.attributes?.[name] ?? []);
  if ((values.size === 0 || aggregate) && group.parent) {
    for (const value of groupAttributeValues(group.parent, name, aggregate)) values.add(value);
  }
  return values;
}

/**
 * KeycloakModelUtils.resolveAttribute(UserModel, name, aggregateAttrs): the user's own values win;
 * otherwise the first group (with its ancestors) that has the attribute. With `aggregate.attrs` the
 * user's and every group's values are merged into one set.
 */
export function resolveUserAttribute(user: UserRepresentation, groups: readonly MapperGroup[], name: string, aggregate: boolean): string[] {
  const own = userAttributeValues(user, name);
  if (own.length > 0 && !aggregate) return own;
  const merged = new Set(own);
  for (const group of groups) {
    const values = groupAttributeValues(group, name, aggregate);
    if (values.size === 0) continue;
    if (!aggregate) return [...values];
    for (const value of values) merged.add(value);
  }
  return [...merged];
}

/**
 * ProtocolMapperUtils.getUserModelValue: calls UserModel's zero-argument getter (get<Name>/is<Name>)
 * and toString's the result. The property name's first letter may be upper or lower case. Unknown
 * properties and unset fields give no value.
 */
export function userPropertyValue(user: UserRepresentation, groups: readonly MapperGroup[], property: string): string | undefined {
  const name = property.charAt(0).toLowerCase() + property.slice(1);
  const getters: Record<string, () => unknown> = {
    id: () => user.id,
    username: () => user.username,
    firstName: () => user.firstName,
    lastName: () => user.lastName,
    email: () => user.email,
    emailVerified: () => user.emailVerified,
    enabled: () => user.enabled,
    createdTimestamp: () => user.createdTimestamp,
    federationLink: () => user['federationLink'],
    serviceAccountClientLink: () => user['serviceAccountClientLink'],
    groupsCount: () => groups.length,
  };
  const value = Object.hasOwn(getters, name) ? getters[name]?.() : undefined;
  return value === undefined || value === null ? undefined : String(value);
}
