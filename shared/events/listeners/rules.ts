import type { EventPattern } from './event-pattern.js';
import { EMAIL_DEFAULT_EVENT_TYPES, type EventListenerRepresentation, type ListenerType } from './listener.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from './signature.js';

/**
 * The event pipeline's rules, written once (DESIGN.md §10, issue 5): the CDK stack turns the static
 * ones into EventBridge rules, the listener sync turns each webhook listener's into a rule with an API
 * destination, the publisher uses the listener patterns to route deliveries, and the local bus applies
 * all of them to the same entries.
 *
 * What goes on the bus for one event:
 * - `UserEvent` / `AdminEvent`: Keycloak's representation plus `id` and `realmName`, for rules of
 *   your own (a realm publishes them when one of its listeners needs the event, or always with the
 *   `eventbridge` listener name).
 * - one `ListenerDelivery` per listener of the realm whose pattern takes the event: the same JSON under
 *   `event`, addressed to the listener, with the webhook signature already computed (EventBridge cannot
 *   compute an HMAC, so the publisher does; API destinations send `$.detail.event` as the body).
 */
export const EVENT_SOURCE = 'gatehouse';
export const DETAIL_TYPE = { user: 'UserEvent', admin: 'AdminEvent', delivery: 'ListenerDelivery' } as const;
export type EventKind = 'user' | 'admin';

/** `detail` of a UserEvent / AdminEvent entry. */
export type EventDetail = Record<string, unknown> & { id: string; realmId: string; realmName: string; time: number; type?: string };

/** `detail` of a ListenerDelivery entry. */
export interface DeliveryDetail {
  readonly listenerId: string;
  readonly listenerType: ListenerType;
  readonly realmId: string;
  readonly kind: EventKind;
  /** webhook only: the Gatehouse-Signature header value over JSON.stringify(event). */
  readonly signature?: string;
  readonly event: EventDetail;
}

/**
 * EventBridge's retry policy for a target (also the local bus's): at most 185 attempts within 24 hours,
 * EventBridge's maxima, so a receiver may be down for a day and still get every event.
 */
export const deliveryRetry = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 24 * 60 * 60 } as const;

/**
 * Which answers are worth retrying: API destinations retry 401, 407, 409, 429 and 5xx (and network
 * failures); any other 4xx goes to the dead-letter queue at once (EventBridge user guide, "API
 * destination error codes"). The local bus follows the same rule.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 401 || status === 407 || status === 409 || status === 429 || status >= 500;
}

/**
 * The events a listener takes, as a pattern over the UserEvent/AdminEvent envelope. An empty
 * `eventTypes` means every user event type (Keycloak's email listener: its four types).
 */
export function listenerPattern(listener: Pick<EventListenerRepresentation, 'type' | 'eventTypes' | 'includeAdminEvents'>): EventPattern {
  const types = listener.type === 'email' && listener.eventTypes.length === 0 ? [...EMAIL_DEFAULT_EVENT_TYPES] : listener.eventTypes;
  const user: EventPattern = { 'detail-type': [DETAIL_TYPE.user], ...(types.length > 0 ? { detail: { type: types } } : {}) };
  // Keycloak's email listener ignores admin events (EmailEventListenerProvider.onEvent(AdminEvent)).
  if (!listener.includeAdminEvents || listener.type === 'email') return { source: [EVENT_SOURCE], ...user };
  return { source: [EVENT_SOURCE], $or: [user, { 'detail-type': [DETAIL_TYPE.admin] }] };
}

/** A rule as both EventBridge and the local bus understand it. */
export interface RuleDefinition {
  /** Rule name suffix (the full name adds the stack's prefix on AWS). */
  readonly name: string;
  readonly description: string;
  readonly pattern: EventPattern;
  readonly retry: typeof deliveryRetry;
}

/** Deliveries of a listener type (email, log): one static rule each, target fixed by the stack. */
export function deliveryRule(type: Exclude<ListenerType, 'webhook'>): RuleDefinition {
  return {
    name: `gatehouse-${type}`,
    description: `Gatehouse ${type} listener deliveries`,
    pattern: { source: [EVENT_SOURCE], 'detail-type': [DETAIL_TYPE.delivery], detail: { listenerType: [type] } },
    retry: deliveryRetry,
  };
}

/** The log listener's target writes `$.detail.event`: one JSON line per event. */
export const logRecordPath = '$.detail.event';

/** A webhook listener's rule; its target is the listener's API destination (see webhookRequest). */
export function webhookRule(listenerId: string): RuleDefinition {
  return {
    name: `gatehouse-webhook-${listenerId}`,
    description: `Gatehouse webhook listener ${listenerId}`,
    pattern: { source: [EVENT_SOURCE], 'detail-type': [DETAIL_TYPE.delivery], detail: { listenerId: [listenerId] } },
    retry: deliveryRetry,
  };
}

/**
 * How a webhook delivery becomes an HTTP request: the body is `$.detail.event` (EventBridge InputPath),
 * headers are taken from the delivery (EventBridge HttpParameters, JSON paths).
 */
export const webhookRequest = {
  bodyPath: '$.detail.event',
  headerPaths: { [SIGNATURE_HEADER]: '$.detail.signature', [EVENT_ID_HEADER]: '$.detail.event.id' },
} as const;

/** The body a webhook receives, byte for byte: what the publisher signs and the local bus sends. */
export function webhookBody(delivery: Pick<DeliveryDetail, 'event'>): string {
  return JSON.stringify(delivery.event);
}
