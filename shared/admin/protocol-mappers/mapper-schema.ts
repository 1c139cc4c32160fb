import * as v from 'valibot';

/**
 * Jackson turns JSON scalars into the String a Map<String, String> holds (coercion of scalars is on in
 * Keycloak's ObjectMapper), so `{"multivalued": true}` is read as "true"; objects and arrays are refused.
 */
export const stringValue = v.pipe(v.union([v.string(), v.number(), v.boolean()]), v.transform(String));
export const stringMap = v.record(v.string(), v.nullable(stringValue));

/** Keycloak's ProtocolMapperRepresentation: every field optional and nullable, as Jackson reads it. */
export const protocolMapperSchema = v.strictObject({
  id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  protocol: v.nullish(v.string()),
  protocolMapper: v.nullish(v.string()),
  /** Deprecated in Keycloak and ignored, but still part of the representation. */
  consentRequired: v.nullish(v.boolean()),
  consentText: v.nullish(v.string()),
  config: v.nullish(stringMap),
});

export type ProtocolMapperInput = v.InferOutput<typeof protocolMapperSchema>;
