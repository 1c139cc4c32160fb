import * as v from 'valibot';
import { listenerName, listenerTypes, PUBLISH_ALL_LISTENER } from '../../events/listeners/listener.js';
import type { RealmRepresentation } from '../../model/realm.js';
import { realmConfigChanged } from '../../realm/config-changes.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { realmKey } from '../../store/keys.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { noContent, ok } from '../responses.js';
import { EventQueryError } from './event-query.js';
import { savedByDefaultEventTypes } from './event-types.js';

const config = `${mountOf('admin.events')}/config`;

/** Keycloak's default listener when a realm names none. */
const DEFAULT_LISTENERS = ['jboss-logging'];

/**
 * The listener ids a realm may name (RealmManager.updateRealmEventsConfig refuses others with
 * "Unknown event listener"): Keycloak's `jboss-logging` and `email`, plus Gatehouse's listener kinds
 * and the publish-everything switch (issue 5).
 */
const knownListeners = new Set<string>([...listenerTypes.map(listenerName), PUBLISH_ALL_LISTENER]);

const nullableBoolean = v.nullish(v.boolean());
const stringList = v.nullish(v.array(v.string()));

/** RealmEventsConfigRepresentation: every field optional and nullable, as Jackson reads it. */
const eventsConfigSchema = v.strictObject({
  eventsEnabled: nullableBoolean,
  eventsExpiration: v.nullish(v.pipe(v.number(), v.integer())),
  eventsListeners: stringList,
  enabledEventTypes: stringList,
  adminEventsEnabled: nullableBoolean,
  adminEventsDetailsEnabled: nullableBoolean,
});

type EventsConfigInput = v.InferOutput<typeof eventsConfigSchema>;

/**
 * ModelToRepresentation.toEventsConfigReprensetation, then getRealmEventsConfig's fill-in: a realm
 * with no enabledEventTypes saves the types whose EventType.isSaveByDefault is true, so those are shown.
 */
function eventsConfigOf(rep: RealmRepresentation) {
  const expiration = typeof rep.eventsExpiration === 'number' ? rep.eventsExpiration : 0;
  const enabled = (rep.enabledEventTypes as string[] | undefined) ?? [];
  return {
    eventsEnabled: rep.eventsEnabled === true,
    ...(expiration !== 0 ? { eventsExpiration: expiration } : {}),
    eventsListeners: (rep.eventsListeners as string[] | undefined) ?? DEFAULT_LISTENERS,
    enabledEventTypes: enabled.length > 0 ? enabled : [...savedByDefaultEventTypes],
    adminEventsEnabled: rep.adminEventsEnabled === true,
    adminEventsDetailsEnabled: rep.adminEventsDetailsEnabled === true,
  };
}

/**
 * RealmManager.updateRealmEventsConfig: eventsEnabled and eventsExpiration are always set (absent
 * expiration means none), the lists and the admin-event switches only when given.
 */
function applyEventsConfig(rep: RealmRepresentation, input: EventsConfigInput): RealmRepresentation {
  const next: RealmRepresentation = { ...rep, eventsEnabled: input.eventsEnabled === true };
  if (input.eventsExpiration != null && input.eventsExpiration !== 0) next.eventsExpiration = input.eventsExpiration;
  else delete next.eventsExpiration;
  if (input.eventsListeners != null) {
    if (input.eventsListeners.some((name) => !knownListeners.has(name))) throw new EventQueryError('Unknown event listener');
    next.eventsListeners = [...new Set(input.eventsListeners)];
  }
  if (input.enabledEventTypes != null) next.enabledEventTypes = [...new Set(input.enabledEventTypes)];
  if (input.adminEventsEnabled != null) next.adminEventsEnabled = input.adminEventsEnabled;
  if (input.adminEventsDetailsEnabled != null) next.adminEventsDetailsEnabled = input.adminEventsDetailsEnabled;
  return next;
}

/**
 * The realm the change's own admin event is recorded under. Keycloak refreshes the event builder
 * "to consider old and new config" (AdminEventBuilder.refreshRealmEventsConfig only adds a store or
 * listeners), so the event is saved when either the old or the new settings save admin events, and
 * reaches the listeners of both.
 */
function eventRealm(current: RealmConfig, next: RealmRepresentation): RealmConfig {
  const before = current.realm.rep;
  const listeners = new Set([...((before.eventsListeners as string[] | undefined) ?? []), ...((next.eventsListeners as string[] | undefined) ?? [])]);
  const rep = { ...next, adminEventsEnabled: before.adminEventsEnabled === true || next.adminEventsEnabled === true, eventsListeners: [...listeners] };
  return { ...current, realm: { ...current.realm, rep } };
}

/** RealmAdminResource's events/config: view-events to read, manage-events to change. */
export const eventsConfigOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: config,
    async run(request) {
      await request.require('view-events');
      return ok(eventsConfigOf((await request.realm()).realm.rep));
    },
  },
  {
    method: 'PUT',
    path: config,
    async run(request) {
      await request.require('manage-events');
      const input = request.body(eventsConfigSchema);
      const current = await request.realm();
      const next = applyEventsConfig(current.realm.rep, input);
      // The realm item is written once in the transaction: version-checked, with its configVersion bumped.
      const update = { kind: 'updateVersioned', key: realmKey(current.realm.id), expectedVersion: current.realm.version, set: { rep: next }, add: { configVersion: 1 } } as const;
      await request.commit([update], { operationType: 'UPDATE', resourceType: 'REALM', resourcePath: 'events/config', representation: input }, { realm: eventRealm(current, next) });
      realmConfigChanged(current.realm.id);
      return noContent();
    },
  },
];
