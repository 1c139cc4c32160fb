import { DISABLED_BY_PERMANENT_LOCKOUT, DISABLED_REASON } from '../../authn/brute-force/check-password.js';
import { UsersRepository, type UserData } from '../../store/users.js';
import type { GrantRequest } from './grant-request.js';
import { recordLockoutEvent } from './lockout-event.js';

/**
 * Keycloak disables a permanently locked-out user and records why (DefaultBruteForceProtector
 * .failure → UserModel.setEnabled(false), attribute disabledReason=permanentLockout, event
 * USER_DISABLED_BY_PERMANENT_LOCKOUT). A concurrent update of the user wins; the lockout still holds
 * through the brute-force record.
 */
export async function disableForPermanentLockout(request: GrantRequest, user: UserData, numFailures: number): Promise<void> {
  const rep = { ...user.user.rep, enabled: false, attributes: { ...(user.user.rep.attributes ?? {}), [DISABLED_REASON]: [DISABLED_BY_PERMANENT_LOCKOUT] } };
  await new UsersRepository(request.store).updateRep(user.user, rep).catch(() => undefined);
  await recordLockoutEvent(request, user.user.rep.id, { numFailures });
}
