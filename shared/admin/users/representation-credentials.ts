import { randomUUID } from 'node:crypto';
import { fromDeprecatedPasswordRepresentation, type PasswordPolicy } from '../../crypto/password/index.js';
import type { StoredCredential } from '../../model/user.js';
import { credentialKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import { passwordWrites, type PasswordOwner } from './password-change.js';
import { PASSWORD_HISTORY } from './user-representation.js';
import type { CredentialInput, UserInput } from './user-schema.js';

/** ComponentRepresentation.SECRET_VALUE: what admin events show instead of a secret. */
const MASK = '**********';

/**
 * RepresentationToModel.createCredentials for a user representation sent to the Admin API: a
 * credential whose id the user already has is skipped; one with a plain `value` sets the user's
 * password under the realm's policy (whatever its type, as UserCredentialModel.password does; the last
 * such value wins); one with Keycloak's stored form (secretData / credentialData, or the pre-9
 * hashedSaltedValue) is stored as it is, so hashes move between servers.
 */
export async function representationCredentialWrites(
  policy: PasswordPolicy | undefined,
  owner: PasswordOwner,
  credentials: readonly CredentialInput[] | null | undefined,
  now = Date.now(),
): Promise<TransactWrite[]> {
  const known = new Set(owner.credentials.map((credential) => credential.id));
  const fresh = (credentials ?? []).filter((credential) => !(credential.id && known.has(credential.id)));
  const password = fresh.filter((credential) => credential.value != null && credential.value.trim() !== '').at(-1)?.value;
  const writes: TransactWrite[] = password !== undefined && password !== null ? await passwordWrites(policy, owner, password, now) : [];
  for (const credential of fresh) {
    const stored = storedForm(credential, now);
    if (stored) writes.push({ kind: 'create', item: { ...credentialKey(owner.realmId, owner.userId, stored.id), entity: 'Credential', ...stored }, onConflict: () => new Error('Credential exists') });
  }
  return writes;
}

function storedForm(credential: CredentialInput, now: number): StoredCredential | undefined {
  if (credential.value != null && credential.value.trim() !== '') return undefined;
  const type = credential.type ?? 'password';
  const base = { id: credential.id ?? randomUUID(), type, createdDate: credential.createdDate ?? now, priority: credential.priority ?? 10, ...(credential.userLabel ? { userLabel: credential.userLabel } : {}) };
  if (credential.secretData != null && credential.credentialData != null) return { ...base, secretData: credential.secretData, credentialData: credential.credentialData };
  if (credential.hashedSaltedValue != null && credential.hashIterations != null && (type === 'password' || type === PASSWORD_HISTORY)) {
    return { ...base, ...fromDeprecatedPasswordRepresentation({ hashedSaltedValue: credential.hashedSaltedValue, salt: credential.salt, hashIterations: credential.hashIterations, algorithm: credential.algorithm }) };
  }
  return undefined;
}

/** UserResource.updateUserFromRep: a temporary password credential asks for UPDATE_PASSWORD. */
export function hasTemporaryPassword(credentials: readonly CredentialInput[] | null | undefined): boolean {
  return (credentials ?? []).some((credential) => credential.type === 'password' && credential.temporary === true);
}

/**
 * The representation an admin event carries (AdminEventBuilder.representation after Keycloak's
 * StripSecretsUtils): credential values and stored secrets masked, so no password or hash is kept.
 */
export function eventRepresentation(body: UserInput): UserInput {
  if (!body.credentials) return body;
  return {
    ...body,
    credentials: body.credentials.map((credential) => ({
      ...credential,
      ...(credential.value != null ? { value: MASK } : {}),
      ...(credential.secretData != null ? { secretData: MASK } : {}),
      ...(credential.hashedSaltedValue != null ? { hashedSaltedValue: MASK } : {}),
      ...(credential.salt != null ? { salt: MASK } : {}),
    })),
  };
}
