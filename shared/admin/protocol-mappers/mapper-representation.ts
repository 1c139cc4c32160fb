import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';

/** A JSON object without its null fields: Jackson leaves unset what a representation sends as null. */
export function withoutNulls<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null)) as { [K in keyof T]: Exclude<T[K], null> };
}

/** A Map<String, String> as Keycloak keeps it: null values are not stored. */
export function stringEntries(map: Readonly<Record<string, string | null>> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter((entry): entry is [string, string] => entry[1] !== null));
}

/**
 * ModelToRepresentation.toRepresentation(ProtocolMapperModel), in the field order of Keycloak's JSON:
 * the deprecated consentRequired is always false (the model no longer has it), consentText absent.
 */
export function mapperRepresentation(mapper: ProtocolMapperRepresentation): ProtocolMapperRepresentation {
  return {
    ...(mapper.id !== undefined ? { id: mapper.id } : {}),
    name: mapper.name,
    protocol: mapper.protocol,
    protocolMapper: mapper.protocolMapper,
    consentRequired: false,
    config: { ...(mapper.config ?? {}) },
  };
}
