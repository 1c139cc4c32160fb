import * as v from 'valibot';
import { protocolMapperSchema, stringMap } from '../protocol-mappers/mapper-schema.js';

/** Keycloak's ClientScopeRepresentation: every field optional and nullable, unknown fields refused. */
export const clientScopeSchema = v.strictObject({
  id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  description: v.nullish(v.string()),
  protocol: v.nullish(v.string()),
  attributes: v.nullish(stringMap),
  protocolMappers: v.nullish(v.array(protocolMapperSchema)),
});

export type ClientScopeInput = v.InferOutput<typeof clientScopeSchema>;
