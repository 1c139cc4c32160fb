import { timingSafeEqual } from 'node:crypto';

/**
 * Keycloak compares the freshly encoded hash with the stored string (`encoded.equals(secretData.getValue())`
 * in Pbkdf2PasswordHashProvider and Argon2PasswordHashProvider.verify). We compare the same two strings,
 * but in constant time so the comparison leaks nothing about how many leading characters matched.
 * A length mismatch returns early: both lengths follow from the stored hash size, which is not secret.
 */
export function constantTimeEquals(computed: string, stored: string): boolean {
  const a = Buffer.from(computed, 'utf8');
  const b = Buffer.from(stored, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
