import { createHash } from 'node:crypto';

/**
 * Names of a webhook listener's EventBridge resources. Rules live on the stack's own bus; connections
 * and API destinations are account-wide and at most 64 characters, so theirs start with a short prefix
 * derived from the bus name — the stack's IAM grants are scoped to that prefix (lib/events-listeners.ts).
 */
export function webhookNamePrefix(busName: string): string {
  return `gh${createHash('sha256').update(busName).digest('hex').slice(0, 8)}-`;
}

export function apiDestinationName(busName: string, listenerId: string): string {
  return `${webhookNamePrefix(busName)}${listenerId}`;
}
