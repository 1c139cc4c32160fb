import { log } from '../../log/logger.js';
import { ProtocolMapperError } from './errors.js';
import { javaString, parseJavaInt, parseJavaLong } from './java-values.js';

/** A raw value a mapper reads: user attributes, properties, notes and roles are strings or lists of them. */
export type RawValue = string | boolean | number | readonly string[] | null | undefined;

const cannotMap = (): never => {
  throw new ProtocolMapperError('cannot map type for token claim');
};

/**
 * OIDCAttributeMapperHelper.convertToType for one value. `jsonType.label` is one of String, long, int,
 * boolean, JSON; a missing or unknown type leaves the value as it is. Returns a box so that a JSON
 * `null` (the attribute "null" with type JSON) stays distinguishable from "no conversion".
 */
function convertToType(type: string | undefined, value: string | boolean | number): { value: unknown } {
  switch (type) {
    case 'boolean':
      // Boolean.valueOf(String): true only for "true", ignoring case; anything else is false.
      if (typeof value === 'boolean') return { value };
      return typeof value === 'string' ? { value: value.toLowerCase() === 'true' } : cannotMap();
    case 'String':
      return { value: typeof value === 'string' ? value : javaString(value) };
    case 'long':
      if (typeof value === 'number') return { value };
      return typeof value === 'string' ? { value: parseJavaLong(value) } : cannotMap();
    case 'int':
      if (typeof value === 'number') return { value };
      return typeof value === 'string' ? { value: parseJavaInt(value) } : cannotMap();
    case 'JSON':
      if (typeof value !== 'string') return cannotMap();
      try {
        return { value: JSON.parse(value) as unknown };
      } catch {
        return cannotMap();
      }
    default:
      return { value };
  }
}

/**
 * OIDCAttributeMapperHelper.mapAttributeValue: `undefined` means "no claim" (no value, or an empty
 * list). A list becomes a JSON array of converted items when the mapper is multivalued; otherwise only
 * its first item is used (Keycloak logs that the other values are dropped).
 */
export function mapAttributeValue(value: RawValue, jsonType: string | undefined, multivalued: boolean, mapperName = ''): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') {
    if (value.length === 0) return undefined;
    if (multivalued) return value.map((item) => convertToType(jsonType, item).value);
    if (value.length > 1) log('warn', 'Multiple values found for a single-valued protocol mapper; using the first', { mapper: mapperName });
    return convertToType(jsonType, value[0] as string).value;
  }
  return convertToType(jsonType, value).value;
}
