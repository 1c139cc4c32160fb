import * as v from 'valibot';

const nullishString = v.nullish(v.string());
const stringLists = v.nullish(v.record(v.string(), v.nullable(v.array(v.string()))));

type GroupInputShape = {
  id?: string | null;
  name?: string | null;
  description?: string | null;
  path?: string | null;
  parentId?: string | null;
  subGroupCount?: number | null;
  subGroups?: GroupInputShape[] | null;
  attributes?: Record<string, string[] | null> | null;
  realmRoles?: string[] | null;
  clientRoles?: Record<string, string[] | null> | null;
  access?: Record<string, boolean> | null;
};

/**
 * Keycloak 26's GroupRepresentation (core/.../representations/idm/GroupRepresentation.java) field for
 * field, every field optional and nullable as Jackson reads it; anything else is `Unrecognized field`.
 */
export const groupSchema: v.GenericSchema<GroupInputShape> = v.strictObject({
  id: nullishString,
  name: nullishString,
  description: nullishString,
  path: nullishString,
  parentId: nullishString,
  subGroupCount: v.nullish(v.pipe(v.number(), v.integer())),
  subGroups: v.nullish(v.array(v.lazy(() => groupSchema))),
  attributes: stringLists,
  realmRoles: v.nullish(v.array(v.string())),
  clientRoles: stringLists,
  access: v.nullish(v.record(v.string(), v.boolean())),
});

export type GroupInput = GroupInputShape;

/** Group attributes as Keycloak keeps them: an attribute set to null is not stored. */
export function groupAttributes(attributes: GroupInput['attributes']): Record<string, string[]> {
  return Object.fromEntries(Object.entries(attributes ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== null));
}
