/**
 * Base64 as Keycloak reads it. PasswordSecretData decodes the salt with org.keycloak.common.util.Base64,
 * which skips white space and rejects any other character outside the standard alphabet; the hash
 * value's size is read with java.util.Base64's MIME decoder (Pbkdf2PasswordHashProvider.keySize).
 * We accept the standard alphabet, optional padding and white space, and nothing else: a value that
 * Keycloak could not decode yields undefined, so the credential simply fails to verify.
 */
const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!STANDARD_BASE64.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}
