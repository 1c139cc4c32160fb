import type { Balances, Outcome } from './balances.js';
import { verifyGatehouseSignature } from './verify-signature.js';

export interface BalanceSyncSettings {
  /** The webhook listener's secret (the same string you gave Gatehouse). */
  readonly secret: string;
  /** Realm names this backend keeps balances for; events of other realms are refused (422). Empty: all. */
  readonly realms: readonly string[];
  /** Oldest signature accepted, in seconds: Gatehouse's 24-hour retry window plus 5 minutes. */
  readonly toleranceSeconds: number;
}

export interface Counts {
  /** Webhook requests received. */
  received: number;
  /** Refused: bad signature or body. */
  rejected: number;
  /** Refused: a realm this backend does not serve. */
  refused: number;
  created: number;
  deleted: number;
  /** Deliveries of an event already applied: acknowledged, nothing written. */
  duplicates: number;
  /** Events this backend has nothing to do with (logins, other admin changes). */
  ignored: number;
}

export interface WebhookAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** What a Gatehouse event means for balances: open one, close one, or nothing. */
export function balanceAction(event: Record<string, unknown>): { action: 'open' | 'close'; userId: string } | undefined {
  // User events (Keycloak's EventRepresentation): self-registration and self-deletion.
  if (event.type === 'REGISTER' && typeof event.userId === 'string') return { action: 'open', userId: event.userId };
  if (event.type === 'DELETE_ACCOUNT' && typeof event.userId === 'string') return { action: 'close', userId: event.userId };
  // Admin events (AdminEventRepresentation): a user created or deleted through the Admin API.
  const path = typeof event.resourcePath === 'string' ? /^users\/([^/]+)$/.exec(event.resourcePath) : null;
  if (event.resourceType !== 'USER' || !path) return undefined;
  if (event.operationType === 'CREATE') return { action: 'open', userId: path[1]! };
  if (event.operationType === 'DELETE') return { action: 'close', userId: path[1]! };
  return undefined;
}

/**
 * The webhook endpoint: verify the signature over the raw body, then apply the event once. Answers
 * 2xx for everything applied, duplicated or irrelevant (so Gatehouse stops retrying), 400 for a bad
 * signature or body and 422 for a realm not served (Gatehouse does not retry those: they go to its
 * dead-letter store, to be redriven once fixed), 5xx when the table fails (Gatehouse retries).
 */
export async function handleWebhook(headers: Record<string, string | undefined>, rawBody: string, balances: Balances, settings: BalanceSyncSettings, counts: Counts): Promise<WebhookAnswer> {
  counts.received++;
  if (!verifyGatehouseSignature(headers['gatehouse-signature'], rawBody, settings.secret, settings.toleranceSeconds)) {
    counts.rejected++;
    return { status: 400, body: { error: 'invalid signature' } };
  }
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    counts.rejected++;
    return { status: 400, body: { error: 'body is not JSON' } };
  }
  const eventId = typeof event.id === 'string' ? event.id : headers['gatehouse-event-id'];
  const realmId = event.realmId;
  if (!eventId || typeof realmId !== 'string') {
    counts.rejected++;
    return { status: 400, body: { error: 'not a Gatehouse event' } };
  }
  if (settings.realms.length > 0 && !settings.realms.includes(String(event.realmName))) {
    counts.refused++;
    return { status: 422, body: { error: `realm ${String(event.realmName)} is not served here` } };
  }
  const action = balanceAction(event);
  if (!action) {
    counts.ignored++;
    return { status: 204, body: {} };
  }
  const outcome: Outcome = action.action === 'open' ? await balances.open(eventId, realmId, action.userId) : await balances.close(eventId, realmId, action.userId);
  if (outcome === 'created') counts.created++;
  else if (outcome === 'deleted') counts.deleted++;
  else if (outcome === 'duplicate') counts.duplicates++;
  else counts.ignored++;
  return { status: 200, body: { outcome } };
}

export function emptyCounts(): Counts {
  return { received: 0, rejected: 0, refused: 0, created: 0, deleted: 0, duplicates: 0, ignored: 0 };
}
