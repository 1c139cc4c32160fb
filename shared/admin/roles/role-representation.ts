import * as v from 'valibot';
import type { RoleRepresentation } from '../../model/role.js';
import type { RoleRecord } from '../../store/roles.js';

const nullishString = v.nullish(v.string());
const nullishBoolean = v.nullish(v.boolean());
const namesByClient = v.nullish(v.record(v.string(), v.array(v.string())));

/**
 * Keycloak 26's RoleRepresentation (core/.../representations/idm/RoleRepresentation.java) field for
 * field, as Jackson reads it: every field optional and nullable, anything else `Unrecognized field`.
 * `scopeParamRequired` and `composites.application` are Keycloak's deprecated fields, still accepted.
 */
export const roleSchema = v.strictObject({
  id: nullishString,
  name: nullishString,
  description: nullishString,
  scopeParamRequired: nullishBoolean,
  composite: nullishBoolean,
  composites: v.nullish(
    v.strictObject({
      realm: v.nullish(v.array(v.string())),
      client: namesByClient,
      application: namesByClient,
    }),
  ),
  clientRole: nullishBoolean,
  containerId: nullishString,
  attributes: v.nullish(v.record(v.string(), v.nullable(v.array(v.string())))),
});

export type RoleInput = v.InferOutput<typeof roleSchema>;

/** A JSON array of RoleRepresentation (role mappings, composites). */
export const roleListSchema = v.array(roleSchema);

/** Role attributes as Keycloak keeps them: an attribute set to null is not stored. */
export function roleAttributes(attributes: RoleInput['attributes']): Record<string, string[]> {
  return Object.fromEntries(Object.entries(attributes ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== null));
}

/** ModelToRepresentation.toBriefRepresentation(RoleModel), in Keycloak's field order. */
export function briefRole(role: RoleRecord): RoleRepresentation {
  return {
    id: role.rep.id,
    name: role.rep.name,
    ...(role.rep.description != null ? { description: role.rep.description } : {}),
    composite: role.composites.length > 0,
    clientRole: Boolean(role.clientUuid),
    containerId: role.clientUuid ?? role.realmId,
  };
}

/** ModelToRepresentation.toRepresentation(RoleModel): the brief form and the role's attributes. */
export function fullRole(role: RoleRecord): RoleRepresentation {
  return { ...briefRole(role), attributes: { ...(role.rep.attributes ?? {}) } };
}

/** Roles as Keycloak's JPA store lists them: by name. */
export function byName<T extends { rep: { name: string } }>(roles: Iterable<T>): T[] {
  return [...roles].sort((a, b) => (a.rep.name < b.rep.name ? -1 : a.rep.name > b.rep.name ? 1 : 0));
}
