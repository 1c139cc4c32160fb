import { PasswordPolicyConfigError } from './policy-error.js';

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/**
 * PasswordPolicyProvider.parseInteger: Integer.valueOf(value) or the default when the policy has no
 * argument. Integer.valueOf takes an optional sign and decimal digits within int range, nothing else
 * (no white space, no empty string); anything else is "Not a valid number".
 */
export function parseJavaInteger(id: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < INT32_MIN || n > INT32_MAX) {
    throw new PasswordPolicyConfigError(`Invalid config for ${id}: Not a valid number`);
  }
  return n;
}
