import type { RealmRepresentation } from '../../model/realm.js';
import { activeListeners, listenersFor } from '../listeners/active-listeners.js';
import type { EventListenerRecord } from '../listeners/listener.js';
import { DETAIL_TYPE, EVENT_SOURCE, webhookBody, type DeliveryDetail, type EventDetail, type EventKind } from '../listeners/rules.js';
import { signatureHeader } from '../listeners/signature.js';
import { eventDetail, type EventItem } from '../user-event.js';
import { entrySize, MAX_BYTES_PER_PUT, type BusEntry } from './event-bus.js';

/** What the publisher knows of a realm when it publishes: its events settings and listeners, fresh enough. */
export interface RealmListeners {
  readonly rep: RealmRepresentation;
  readonly eventListeners: readonly EventListenerRecord[];
}

/**
 * The bus entries for one event item (issue 5): the UserEvent/AdminEvent itself, and one
 * ListenerDelivery per listener of the realm that takes it, webhooks signed here because EventBridge
 * cannot sign. The realm's listeners are read now, not when the event was written: a listener added
 * since gets what is still in flight, one removed gets nothing more.
 */
export function entriesFor(item: EventItem, realm: RealmListeners | undefined, nowSeconds = Math.floor(Date.now() / 1000)): BusEntry[] {
  const kind: EventKind = item.kind === 'admin' ? 'admin' : 'user';
  const detail = fitting(eventDetail(item));
  const time = new Date(item.rep.time);
  const entries: BusEntry[] = [
    { Source: EVENT_SOURCE, DetailType: kind === 'admin' ? DETAIL_TYPE.admin : DETAIL_TYPE.user, Detail: JSON.stringify(detail), Time: time },
  ];
  if (!realm) return entries;
  for (const listener of listenersFor(activeListeners(realm.rep, realm.eventListeners), kind, detail)) {
    const delivery: DeliveryDetail = {
      listenerId: listener.id,
      listenerType: listener.type,
      realmId: detail.realmId,
      kind,
      ...(listener.type === 'webhook' && listener.secret ? { signature: signatureHeader(listener.secret, webhookBody({ event: detail }), nowSeconds) } : {}),
      event: detail,
    };
    entries.push({ Source: EVENT_SOURCE, DetailType: DETAIL_TYPE.delivery, Detail: JSON.stringify(delivery), Time: time });
  }
  return entries;
}

/**
 * Keeps a detail within PutEvents' entry size: an admin event's `representation` (the JSON of the
 * change, with details enabled) is the only part that can grow without bound; past the limit it is
 * left out and `representationOmitted` says so. A delivery carries the detail once more, hence half.
 */
function fitting(detail: EventDetail): EventDetail {
  const limit = MAX_BYTES_PER_PUT / 2 - 1024;
  const probe = { Source: EVENT_SOURCE, DetailType: DETAIL_TYPE.delivery, Detail: JSON.stringify(detail) };
  if (entrySize(probe) <= limit || typeof detail.representation !== 'string') return detail;
  const { representation: _omitted, ...rest } = detail;
  return { ...rest, representationOmitted: true } as EventDetail;
}
