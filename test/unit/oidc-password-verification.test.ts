import { describe, expect, it, vi } from 'vitest';
import { hashPassword, type PasswordPolicy } from '../../shared/crypto/password/index.js';
import { realmPasswordPolicy, verifyUserPassword } from '../../shared/oidc/grants/password-verification.js';

/** Counts the hashes done while still doing them. */
const countingHash = () => vi.fn((password: string, policy?: PasswordPolicy) => hashPassword(password, policy));

describe('direct grant password check (ValidatePassword, AuthenticatorUtils.dummyHash)', () => {
  it('spends one hash under the realm policy when the user has no password credential', async () => {
    const hash = countingHash();
    const policy = realmPasswordPolicy('hashIterations(2)');
    expect(await verifyUserPassword('guess', undefined, policy, hash)).toBe(false);
    expect(hash).toHaveBeenCalledOnce();
    expect(hash).toHaveBeenCalledWith('guess', policy);
  });

  it('spends one hash when no password was sent', async () => {
    const hash = countingHash();
    const credential = await hashPassword('right');
    expect(await verifyUserPassword('', credential, undefined, hash)).toBe(false);
    expect(hash).toHaveBeenCalledOnce();
  });

  it('checks a real credential without an extra hash', async () => {
    const hash = countingHash();
    const credential = await hashPassword('right');
    expect(await verifyUserPassword('right', credential, undefined, hash)).toBe(true);
    expect(await verifyUserPassword('wrong', credential, undefined, hash)).toBe(false);
    expect(hash).not.toHaveBeenCalled();
  });

  it('reads a realm policy that does not parse as none', () => {
    expect(realmPasswordPolicy('nonsense(')).toBeUndefined();
    expect(realmPasswordPolicy(undefined)).toBeUndefined();
  });
});
