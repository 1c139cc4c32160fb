import { hashPassword, parsePasswordPolicy, verifyPassword, type KeycloakPasswordCredential, type PasswordPolicy } from '../../crypto/password/index.js';

/**
 * The password check of the direct grant (Keycloak's ValidatePassword → PasswordCredentialProvider
 * .isValid). A user without a password credential, or a request without a password, is refused after
 * the same work as a real check — one hash under the realm's policy, AuthenticatorUtils.dummyHash —
 * so the response time does not tell which users have a password. `hash` is that work (injectable
 * so a test can see it done).
 */
export async function verifyUserPassword(
  password: string,
  credential: KeycloakPasswordCredential | undefined,
  policy: PasswordPolicy | undefined,
  hash: (password: string, policy?: PasswordPolicy) => Promise<unknown> = hashPassword,
): Promise<boolean> {
  if (!credential || !password) {
    await hash(password, policy);
    return false;
  }
  return verifyPassword(password, credential);
}

/** The realm's password policy; one that does not parse counts as none (it was refused when set). */
export function realmPasswordPolicy(text: unknown): PasswordPolicy | undefined {
  if (typeof text !== 'string' || !text) return undefined;
  try {
    return parsePasswordPolicy(text);
  } catch {
    return undefined;
  }
}
