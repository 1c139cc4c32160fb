import type { RealmRepresentation } from '../../model/realm.js';
import { matchesPattern } from './event-pattern.js';
import { EMAIL_DEFAULT_EVENT_TYPES, listenerName, PUBLISH_ALL_LISTENER, type EventListenerRecord, type EventListenerRepresentation } from './listener.js';
import { DETAIL_TYPE, EVENT_SOURCE, listenerPattern, type EventDetail, type EventKind } from './rules.js';

/** Keycloak's default when a realm names no listeners: its logging listener. */
const DEFAULT_LISTENERS = ['jboss-logging'];

export function namedListeners(rep: RealmRepresentation): ReadonlySet<string> {
  const names = rep.eventsListeners;
  return new Set(Array.isArray(names) ? (names as string[]) : DEFAULT_LISTENERS);
}

/**
 * The listeners that receive a realm's events: configured ones that are enabled and whose kind the
 * realm's `eventsListeners` names, plus Keycloak's email listener with its defaults when `email` is
 * named but not configured. (`jboss-logging` without configuration stays Keycloak's in-process log
 * line, see `logsInline`.)
 */
export function activeListeners(rep: RealmRepresentation, records: readonly EventListenerRecord[]): EventListenerRepresentation[] {
  const names = namedListeners(rep);
  const active = records.map((record) => record.rep).filter((listener) => listener.enabled && names.has(listenerName(listener.type)));
  if (names.has('email') && !records.some((record) => record.rep.type === 'email')) {
    active.push({ id: 'email', type: 'email', enabled: true, eventTypes: [...EMAIL_DEFAULT_EVENT_TYPES], includeAdminEvents: false });
  }
  return active;
}

/**
 * Keycloak's logging listener (`jboss-logging`) is a log line written where the event happens; a
 * realm that configures `log` listeners sends events to the log listener's log group instead.
 */
export function logsInline(rep: RealmRepresentation, records: readonly EventListenerRecord[]): boolean {
  return namedListeners(rep).has('jboss-logging') && !records.some((record) => record.rep.type === 'log');
}

/** The UserEvent/AdminEvent envelope rules and listener patterns are matched against. */
export function eventEnvelope(kind: EventKind, detail: EventDetail) {
  return { source: EVENT_SOURCE, 'detail-type': kind === 'admin' ? DETAIL_TYPE.admin : DETAIL_TYPE.user, detail };
}

/** The active listeners whose pattern takes this event. */
export function listenersFor(listeners: readonly EventListenerRepresentation[], kind: EventKind, detail: EventDetail): EventListenerRepresentation[] {
  const envelope = eventEnvelope(kind, detail);
  return listeners.filter((listener) => matchesPattern(listenerPattern(listener), envelope));
}

/**
 * Whether any event of the realm could need delivery (the realm publishes everything, or some
 * listener is active): when not, an event the realm does not store is decided without building it.
 */
export function mayNeedDelivery(rep: RealmRepresentation, records: readonly EventListenerRecord[]): boolean {
  return namedListeners(rep).has(PUBLISH_ALL_LISTENER) || activeListeners(rep, records).length > 0;
}

/**
 * Whether an event must go through the outbox (DESIGN.md §10, issue 5): a listener takes it, or the
 * realm publishes everything for rules of its own. Stored events are written regardless.
 */
export function needsDelivery(rep: RealmRepresentation, records: readonly EventListenerRecord[], kind: EventKind, detail: EventDetail): boolean {
  if (namedListeners(rep).has(PUBLISH_ALL_LISTENER)) return true;
  return listenersFor(activeListeners(rep, records), kind, detail).length > 0;
}
