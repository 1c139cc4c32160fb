import { randomUUID } from 'node:crypto';
import {
  hashPassword,
  parsePasswordPolicy,
  validatePasswordAgainstPolicy,
  verifyPassword,
  type PasswordPolicy,
} from '../../crypto/password/index.js';
import type { StoredCredential } from '../../model/user.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { credentialKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import type { CredentialRecord } from '../../store/users.js';
import { PasswordPolicyRejected } from './password-messages.js';
import { PASSWORD_HISTORY } from './user-representation.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The realm's parsed passwordPolicy, or undefined when it sets none. */
export function realmPasswordPolicy(realm: RealmConfig): PasswordPolicy | undefined {
  const text = realm.realm.rep['passwordPolicy'];
  return typeof text === 'string' && text.trim() ? parsePasswordPolicy(text) : undefined;
}

/** Whose password changes: the facts the policy looks at and the credentials stored so far. */
export interface PasswordOwner {
  readonly realmId: string;
  readonly userId: string;
  readonly username: string;
  readonly email?: string | undefined;
  readonly credentials: readonly StoredCredential[];
}

/**
 * PasswordCredentialProvider.updateCredential under the realm's policy, as writes for the caller's
 * transaction. The password must pass the content rules, passwordHistory(N) (not the current
 * password, nor one of the N-1 newest old ones) and passwordAge(D) (not the current password, nor an
 * old one stored within D days) — else PasswordPolicyRejected. The current password credential keeps
 * its id and gets the new hash (its label is cleared, as Keycloak's update replaces the model); the
 * old hash is kept as a `password-history` credential when either policy asks for history, and old
 * ones past what the policies keep are deleted.
 */
export async function passwordWrites(policy: PasswordPolicy | undefined, owner: PasswordOwner, password: string, now = Date.now()): Promise<TransactWrite[]> {
  if (policy) {
    const broken = validatePasswordAgainstPolicy(password, policy, { username: owner.username, email: owner.email });
    if (broken) throw new PasswordPolicyRejected(broken);
    await checkReuse(policy, owner.credentials, password, now);
  }
  const current = owner.credentials.find((credential) => credential.type === 'password');
  const item = (credential: StoredCredential) => ({ ...credentialKey(owner.realmId, owner.userId, credential.id), entity: 'Credential', ...credential });
  const fresh: StoredCredential = { id: current?.id ?? randomUUID(), type: 'password', createdDate: now, priority: current?.priority ?? 10, ...(await hashPassword(password, policy)) };
  const writes: TransactWrite[] = [{ kind: 'put', item: item(fresh) }];

  const historySize = policy?.passwordHistory ?? -1;
  const ageDays = Math.max(0, policy?.passwordAge ?? 0);
  const history: StoredCredential[] = owner.credentials.filter((credential) => credential.type === PASSWORD_HISTORY);
  let kept: StoredCredential | undefined;
  if (current && (historySize > 1 || ageDays > 0)) {
    kept = { id: randomUUID(), type: PASSWORD_HISTORY, createdDate: current.createdDate, priority: current.priority, secretData: current.secretData, credentialData: current.credentialData };
    writes.push({ kind: 'put', item: item(kept) });
    history.push(kept);
  }
  const cutoff = now - ageDays * DAY_MS;
  const stale = [...history]
    .sort((a, b) => b.createdDate - a.createdDate)
    .slice(Math.max(0, historySize - 1))
    .filter((credential) => credential !== kept && credential.createdDate < cutoff);
  for (const credential of stale) writes.push({ kind: 'delete', key: credentialKey(owner.realmId, owner.userId, credential.id) });
  return writes;
}

/** HistoryPasswordPolicyProvider and AgePasswordPolicyProvider (-1: the policy is not set). */
async function checkReuse(policy: PasswordPolicy, credentials: readonly StoredCredential[], password: string, now: number): Promise<void> {
  const matches = async (candidates: readonly StoredCredential[]) => {
    for (const candidate of candidates) if (await verifyPassword(password, candidate)) return true;
    return false;
  };
  const passwords = credentials.filter((credential) => credential.type === 'password');
  const history = credentials.filter((credential) => credential.type === PASSWORD_HISTORY).sort((a, b) => b.createdDate - a.createdDate);
  const historySize = policy.passwordHistory;
  if (historySize !== undefined && historySize !== -1) {
    const recent = historySize > 0 ? history.slice(0, historySize - 1) : [];
    if (await matches([...passwords, ...recent])) throw new PasswordPolicyRejected({ message: 'invalidPasswordHistoryMessage', parameters: [historySize] });
  }
  const ageDays = policy.passwordAge;
  if (ageDays !== undefined && ageDays !== -1) {
    const recent = ageDays > 0 ? history.filter((credential) => credential.createdDate > now - ageDays * DAY_MS) : [];
    if (await matches([...passwords, ...recent])) throw new PasswordPolicyRejected({ message: 'invalidPasswordNotRecentlyUsedMessage', parameters: [ageDays] });
  }
}

/** Keeps only the stored fields of a credential record (no key or entity attributes). */
export function storedCredentialOf(record: CredentialRecord): StoredCredential {
  const { id, type, userLabel, createdDate, secretData, credentialData, priority } = record;
  return { id, type, ...(userLabel ? { userLabel } : {}), createdDate, secretData, credentialData, priority };
}
