/**
 * java.lang.Character predicates over one UTF-16 code unit, as Keycloak's rules apply them to
 * `password.toCharArray()`: a surrogate half is neither letter nor digit (it counts as a special char).
 */
const DIGIT = /^\p{Nd}$/u; // Character.isDigit: general category Nd
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u; // Character.isLetterOrDigit: L* or Nd
const LOWER = /^\p{Lowercase}$/u; // Character.isLowerCase: Ll or Other_Lowercase
const UPPER = /^\p{Uppercase}$/u; // Character.isUpperCase: Lu or Other_Uppercase

export type CharPredicate = (unit: string) => boolean;

export const isJavaDigit: CharPredicate = (c) => DIGIT.test(c);
export const isJavaLetterOrDigit: CharPredicate = (c) => LETTER_OR_DIGIT.test(c);
export const isJavaLowerCase: CharPredicate = (c) => LOWER.test(c);
export const isJavaUpperCase: CharPredicate = (c) => UPPER.test(c);

/** Counts the UTF-16 code units of `text` that satisfy `predicate`. */
export function countUnits(text: string, predicate: CharPredicate): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (predicate(text.charAt(i))) count++;
  return count;
}

/** Character.toUpperCase / toLowerCase(char): one code unit in, one out (no "ß" -> "SS"). */
function singleUnit(c: string, mapped: string): string {
  return mapped.length === 1 ? mapped : c;
}

/** String.equalsIgnoreCase: same length, and each pair of code units equal after upper- or lower-casing. */
export function javaEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charAt(i);
    const y = b.charAt(i);
    if (x === y) continue;
    const ux = singleUnit(x, x.toUpperCase());
    const uy = singleUnit(y, y.toUpperCase());
    if (ux === uy) continue;
    if (singleUnit(ux, ux.toLowerCase()) !== singleUnit(uy, uy.toLowerCase())) return false;
  }
  return true;
}
