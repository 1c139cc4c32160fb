/**
 * How Keycloak reads the loosely typed settings of realms and clients: representation fields may
 * come as numbers or strings (imports), client attributes are always strings.
 */

/** A numeric setting; absent, blank or not a number counts as 0, Keycloak's "not set". */
export function settingNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0) || 0;
}

/** A boolean setting as Java's Boolean.parseBoolean reads it: only "true" (any case) is true. */
export function settingTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
