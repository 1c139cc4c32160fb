import * as v from 'valibot';
import { credentialSchema, importedUserSchema } from '../../realm/import/user-schema.js';

/**
 * UserRepresentation.attributes as Keycloak reads it (StringListMapDeserializer): each value a list
 * of strings or a single string, null dropped.
 */
const attributeValues = v.nullable(v.union([v.array(v.nullable(v.string())), v.string()]));

/**
 * Keycloak 26's UserRepresentation for POST and PUT: the same fields a realm file's users carry
 * (shared/realm/import/user-schema.ts, which lists UserRepresentation field for field), every field
 * optional and nullable, unknown fields refused; attributes read as Keycloak's deserializer reads them.
 */
export const userSchema = v.strictObject({
  ...importedUserSchema.entries,
  attributes: v.nullish(v.record(v.string(), attributeValues)),
});

export type UserInput = v.InferOutput<typeof userSchema>;

/** Keycloak's CredentialRepresentation (reset-password's body). */
export const credentialBodySchema = v.nullable(credentialSchema);

export type CredentialInput = v.InferOutput<typeof credentialSchema>;

/** FederatedIdentityRepresentation (POST federated-identity/{provider}). */
export const federatedIdentitySchema = v.nullable(
  v.strictObject({
    identityProvider: v.nullish(v.string()),
    userId: v.nullish(v.string()),
    userName: v.nullish(v.string()),
  }),
);

/** execute-actions-email's body: the required actions, a JSON list of aliases (or null). */
export const requiredActionsBodySchema = v.nullable(v.array(v.string()));

/** The attributes of a representation as stored: lists of strings, nulls left out. */
export function attributesOf(attributes: UserInput['attributes']): Record<string, string[]> {
  const stored: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null) continue;
    stored[name] = typeof value === 'string' ? [value] : value.filter((item): item is string => item !== null);
  }
  return stored;
}
