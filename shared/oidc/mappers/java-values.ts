import { ProtocolMapperError } from './errors.js';

/** Object.toString as Keycloak applies it to claim values (List → "[a, b]"). */
export function javaString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

function parseJavaInteger(text: string, min: bigint, max: bigint): number {
  // Long.valueOf / Integer.valueOf: optional sign, decimal digits, nothing else (no blanks, no decimals).
  if (!/^[+-]?\d+$/.test(text)) throw new ProtocolMapperError(`For input string: "${text}"`);
  const parsed = BigInt(text);
  if (parsed < min || parsed > max) throw new ProtocolMapperError(`For input string: "${text}"`);
  return Number(parsed);
}

/** Long.valueOf(String); a JSON number (precision beyond 2^53 is lost in JavaScript). */
export const parseJavaLong = (text: string): number => parseJavaInteger(text, LONG_MIN, LONG_MAX);

/** Integer.valueOf(String). */
export const parseJavaInt = (text: string): number => parseJavaInteger(text, INT_MIN, INT_MAX);

/** Object.equals on claim values: strings, booleans, numbers and Jackson JsonNodes (structural). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => key in right && jsonEquals(left[key], right[key]));
}

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
