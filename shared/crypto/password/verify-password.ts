import { verifyArgon2 } from './argon2.js';
import { readStoredPassword, type KeycloakPasswordCredential } from './credential-json.js';
import { isPbkdf2Algorithm } from './hash-algorithms.js';
import { verifyPbkdf2 } from './pbkdf2.js';

/**
 * PasswordCredentialProvider.isValid without the rehash: picks the hash provider named by the stored
 * credential's algorithm and lets it verify. Like Keycloak, an unknown algorithm, an unreadable
 * credential or any failure inside the provider yields false, never an exception.
 */
export async function verifyPassword(password: string, credential: KeycloakPasswordCredential): Promise<boolean> {
  try {
    const stored = readStoredPassword(credential);
    if (!stored) return false;
    if (stored.algorithm === 'argon2') return await verifyArgon2(password, stored);
    if (isPbkdf2Algorithm(stored.algorithm)) return await verifyPbkdf2(password, stored.algorithm, stored);
    return false;
  } catch {
    return false;
  }
}
