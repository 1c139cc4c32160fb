import { eventListenerKey } from '../../store/keys.js';
import type { Item } from '../../store/store.js';

/**
 * An event listener's settings: a Gatehouse extension of Keycloak's realm events configuration
 * (the admin.event-listeners resource). Keycloak's `eventsListeners` realm field names which
 * kinds are active (see `listenerName`); these records say where and what each one delivers.
 */
export type ListenerType = 'webhook' | 'email' | 'log';
export const listenerTypes: readonly ListenerType[] = ['webhook', 'email', 'log'];

export interface EventListenerRepresentation {
  id: string;
  type: ListenerType;
  enabled: boolean;
  /** webhook: where deliveries are POSTed. */
  url?: string;
  /** webhook: the HMAC-SHA256 key of the Gatehouse-Signature header; write-only (never returned). */
  secret?: string;
  /** User event types delivered; empty: every type (email: Keycloak's email listener's four). */
  eventTypes: string[];
  /** Deliver admin events too (never for email: Keycloak's email listener ignores them). */
  includeAdminEvents: boolean;
}

/**
 * The name in the realm's `eventsListeners` that activates listeners of a type. `jboss-logging` and
 * `email` are Keycloak's own provider ids, so a Keycloak realm export keeps its meaning here.
 */
export function listenerName(type: ListenerType): string {
  return type === 'log' ? 'jboss-logging' : type;
}

/**
 * Not a listener type but an `eventsListeners` name: publish every event of the realm to the bus,
 * for rules of your own (a Lambda, a queue) beside Gatehouse's listeners.
 */
export const PUBLISH_ALL_LISTENER = 'eventbridge';

/** Keycloak's email listener sends these events when it has no configuration of its own. */
export const EMAIL_DEFAULT_EVENT_TYPES = ['LOGIN_ERROR', 'UPDATE_PASSWORD', 'REMOVE_TOTP', 'UPDATE_TOTP'] as const;

export interface EventListenerRecord extends Item {
  readonly entity: 'EventListener';
  readonly realmId: string;
  readonly version: number;
  readonly rep: EventListenerRepresentation;
}

export function eventListenerRecord(realmId: string, rep: EventListenerRepresentation, version = 1): EventListenerRecord {
  return { ...eventListenerKey(realmId, rep.id), entity: 'EventListener', realmId, version, rep };
}

export function isEventListenerRecord(item: Item): item is EventListenerRecord {
  return item.entity === 'EventListener';
}

/** What the Admin API and a realm export show: everything but the secret. */
export function publicView(rep: EventListenerRepresentation): Omit<EventListenerRepresentation, 'secret'> {
  const { secret: _secret, ...shown } = rep;
  return shown;
}
