import type { RealmRepresentation } from '../../model/realm.js';
import { InvalidRealmError } from '../../realm/realm-errors.js';
import { eventListenerRecord, publicView, type EventListenerRecord, type EventListenerRepresentation } from './listener.js';
import { listenerFrom, type ListenerInput } from './listener-validation.js';

/**
 * Event listeners travel in realm JSON as a realm attribute holding their JSON list: Keycloak keeps
 * realm attributes it does not know, and refuses unknown top-level fields, so an export still imports
 * into Keycloak. Secrets are left out of exports (as Keycloak leaves out client secrets); a webhook
 * imported without its secret comes in disabled until a secret is set through the Admin API.
 */
export const LISTENERS_ATTRIBUTE = 'gatehouse.eventListeners';

/** The attribute for an export of a realm with these listeners (nothing when there are none). */
export function listenersAttribute(records: readonly EventListenerRecord[]): Record<string, string> {
  return records.length === 0 ? {} : { [LISTENERS_ATTRIBUTE]: JSON.stringify(records.map((record) => publicView(record.rep))) };
}

/**
 * Splits an imported realm's listeners from its representation: the realm without the attribute, and
 * the listener records to write with it. A listener that does not validate stops the import.
 */
export function importedListeners(realmId: string, given: RealmRepresentation): { rep: RealmRepresentation; records: EventListenerRecord[] } {
  const raw = given.attributes?.[LISTENERS_ATTRIBUTE];
  if (raw === undefined) return { rep: given, records: [] };
  const { [LISTENERS_ATTRIBUTE]: _listeners, ...attributes } = given.attributes!;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new InvalidRealmError(`Realm attribute ${LISTENERS_ATTRIBUTE} is not JSON`);
  }
  if (!Array.isArray(list)) throw new InvalidRealmError(`Realm attribute ${LISTENERS_ATTRIBUTE} must be a JSON list`);
  const records = (list as ListenerInput[]).map((input, index) => {
    const secretless = input.type === 'webhook' && !input.secret;
    // A placeholder only to pass validation; the listener stays disabled and keeps no secret.
    const result = listenerFrom(secretless ? { ...input, secret: 'x'.repeat(32) } : input, input.id ?? `listener-${index + 1}`);
    if (typeof result === 'string') throw new InvalidRealmError(`Event listener ${input.id ?? index + 1}: ${result}`);
    const rep: EventListenerRepresentation = secretless ? { ...withoutSecret(result), enabled: false } : result;
    return eventListenerRecord(realmId, rep);
  });
  return { rep: { ...given, attributes }, records };
}

function withoutSecret(rep: EventListenerRepresentation): EventListenerRepresentation {
  const { secret: _secret, ...rest } = rep;
  return rest;
}
