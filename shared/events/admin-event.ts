import { randomUUID } from 'node:crypto';
import type { RealmRepresentation } from '../model/realm.js';
import { eventKey } from '../store/keys.js';
import type { RealmConfig } from '../realm/realm-config.js';
import type { Item, TransactWrite } from '../store/store.js';
import { needsDelivery } from './listeners/active-listeners.js';
import { eventDetail, OUTBOX_TTL_SECONDS, type EventItem } from './user-event.js';

/** Keycloak's OperationType. */
export type OperationType = 'CREATE' | 'UPDATE' | 'DELETE' | 'ACTION';

/** Keycloak's AuthDetailsRepresentation: who made the change (clientId is the client's uuid). */
export interface AuthDetails {
  realmId: string;
  clientId?: string;
  userId?: string;
  ipAddress?: string;
}

/** Keycloak's AdminEventRepresentation, plus the `id` the event pipeline uses for idempotency. */
export interface AdminEventRepresentation {
  id: string;
  time: number;
  realmId: string;
  authDetails: AuthDetails;
  operationType: OperationType;
  /** Keycloak's ResourceType name: USER, GROUP, REALM_ROLE, CLIENT, CLIENT_SCOPE, REALM, ... */
  resourceType: string;
  resourcePath: string;
  /** The JSON sent with the change, when the realm's adminEventsDetailsEnabled is on. */
  representation?: string;
  error?: string;
  details?: Record<string, string>;
}

export type AdminEventInput = Pick<AdminEventRepresentation, 'operationType' | 'resourceType' | 'resourcePath'> & {
  /** What Keycloak's AdminEventBuilder.representation(...) gets; kept only when details are enabled. */
  representation?: unknown;
};

/**
 * The event item for an admin change, written in the same transaction as the change (DESIGN.md
 * §10). Saved when the realm's adminEventsEnabled is on (Keycloak keeps admin events until cleared,
 * or adminEventsExpiration seconds when set); otherwise it lives as an outbox entry only.
 * Secrets never reach the representation: the caller passes what Keycloak would (it blanks secrets).
 */
export function adminEventItem(realm: RealmRepresentation & { id: string }, authDetails: AuthDetails, input: AdminEventInput, time = Date.now()): Item {
  const id = randomUUID();
  const stored = realm.adminEventsEnabled === true;
  const expiration = Number((realm.attributes as Record<string, string> | undefined)?.['adminEventsExpiration'] ?? 0);
  const expiresAt = stored ? (expiration > 0 ? Math.floor(time / 1000) + expiration : undefined) : Math.floor(time / 1000) + OUTBOX_TTL_SECONDS;
  const rep: AdminEventRepresentation = {
    id,
    time,
    realmId: realm.id,
    authDetails,
    operationType: input.operationType,
    resourceType: input.resourceType,
    resourcePath: input.resourcePath,
    ...(realm.adminEventsDetailsEnabled === true && input.representation !== undefined
      ? { representation: typeof input.representation === 'string' ? input.representation : JSON.stringify(input.representation) }
      : {}),
  };
  return {
    ...eventKey(realm.id, time, id, true),
    entity: 'AdminEvent',
    kind: 'admin',
    stored,
    ...(realm.realm ? { realmName: realm.realm } : {}),
    rep,
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/**
 * The admin event's writes for the transaction of the change (DESIGN.md §10): the event item when the
 * realm saves admin events or a listener takes it (Keycloak hands admin events to the realm's
 * listeners whether or not it stores them), nothing otherwise (issue 5).
 */
export function adminEventWrites(config: RealmConfig, authDetails: AuthDetails, input: AdminEventInput): TransactWrite[] {
  const rep = config.realm.rep;
  const item = adminEventItem({ ...rep, id: config.realm.id, realm: config.realm.name }, authDetails, input) as EventItem;
  if (!item.stored && !needsDelivery(rep, config.eventListeners, 'admin', eventDetail(item))) return [];
  return [{ kind: 'put', item }];
}
