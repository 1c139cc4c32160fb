import { recordEvent } from '../../events/record-event.js';
import type { GrantRequest } from './grant-request.js';

/**
 * The event Keycloak sends when a failed login locks a user (DefaultBruteForceProtector.sendEvent):
 * USER_DISABLED_BY_TEMPORARY_LOCKOUT or USER_DISABLED_BY_PERMANENT_LOCKOUT, for the user and the IP
 * of the last failure, no client (the protector builds the event outside the request), details
 * `reason` "brute_force_attack detected", `num_failures`, and for a temporary lockout `not_before`:
 * the end of the lock as Java's LocalDateTime.toString prints it (here in UTC, the zone Lambda runs in).
 */
export async function recordLockoutEvent(
  request: Pick<GrantRequest, 'store' | 'realm' | 'ipAddress'>,
  userId: string,
  lockout: { readonly numFailures: number; readonly temporaryNotBefore?: number },
): Promise<void> {
  const temporary = lockout.temporaryNotBefore !== undefined;
  await recordEvent(request.store, request.realm, {
    type: temporary ? 'USER_DISABLED_BY_TEMPORARY_LOCKOUT' : 'USER_DISABLED_BY_PERMANENT_LOCKOUT',
    userId,
    ipAddress: request.ipAddress,
    details: {
      reason: 'brute_force_attack detected',
      num_failures: String(lockout.numFailures),
      ...(temporary ? { not_before: javaLocalDateTime(lockout.temporaryNotBefore!) } : {}),
    },
  });
}

/** LocalDateTime.toString: uuuu-MM-dd'T'HH:mm, then :ss only when the seconds are not zero. */
export function javaLocalDateTime(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  const seconds = iso.slice(17, 19);
  return seconds === '00' ? iso.slice(0, 16) : iso.slice(0, 19);
}
