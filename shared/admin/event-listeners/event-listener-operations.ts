import { randomUUID } from 'node:crypto';
import { eventListenerRecord, listenerName, publicView, type EventListenerRecord, type EventListenerRepresentation } from '../../events/listeners/listener.js';
import { listenerFrom } from '../../events/listeners/listener-validation.js';
import { realmConfigChanged } from '../../realm/config-changes.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { ConflictError } from '../../store/errors.js';
import { eventListenerKey, realmKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminBadRequest, AdminNotFound } from '../errors.js';
import { created, noContent, ok } from '../responses.js';
import { eventListenerSchema } from './event-listener-schema.js';

const listeners = mountOf('admin.event-listeners');
const one = `${listeners}/{id}`;

/**
 * the admin.event-listeners resource: Gatehouse's extension of Keycloak's realm events settings
 * (issue 5). Rights as Keycloak's events config endpoint (RealmAdminResource getRealmEventsConfig /
 * updateRealmEventsConfig): view-events to read, manage-events to change. Secrets are write-only.
 * Listener records live in the realm partition, so each change bumps the realm's configVersion.
 */
export const eventListenerOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: listeners,
    async run(request) {
      await request.require('view-events');
      const config = await request.realm();
      return ok(config.eventListeners.map((record) => publicView(record.rep)));
    },
  },
  {
    method: 'POST',
    path: listeners,
    async run(request) {
      await request.require('manage-events');
      const body = request.body(eventListenerSchema);
      const rep = checked(listenerFrom(body, body.id ?? randomUUID()));
      const config = await request.realm();
      const record = eventListenerRecord(config.realm.id, rep);
      const create: TransactWrite = { kind: 'create', item: record, onConflict: () => new ConflictError('Event listener exists with same id') };
      await commitListenerChange(request, config, [create], rep, 'CREATE');
      return created(request, rep.id);
    },
  },
  {
    method: 'GET',
    path: one,
    async run(request) {
      await request.require('view-events');
      return ok(publicView(find(await request.realm(), request.params['id']!).rep));
    },
  },
  {
    method: 'PUT',
    path: one,
    async run(request) {
      await request.require('manage-events');
      const body = request.body(eventListenerSchema);
      const config = await request.realm();
      const current = find(config, request.params['id']!);
      if (body.id && body.id !== current.rep.id) throw new AdminBadRequest('The listener id cannot change');
      const rep = checked(listenerFrom(body, current.rep.id, current.rep));
      const update: TransactWrite = { kind: 'updateVersioned', key: eventListenerKey(config.realm.id, rep.id), expectedVersion: current.version, set: { rep } };
      await commitListenerChange(request, config, [update], rep, 'UPDATE');
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: one,
    async run(request) {
      await request.require('manage-events');
      const config = await request.realm();
      const current = find(config, request.params['id']!);
      const remove: TransactWrite = { kind: 'delete', key: eventListenerKey(config.realm.id, current.rep.id), mustExist: true, onConflict: () => new AdminNotFound('Could not find event listener') };
      await commitListenerChange(request, config, [remove], current.rep, 'DELETE');
      return noContent();
    },
  },
];

function find(config: RealmConfig, id: string): EventListenerRecord {
  const record = config.eventListeners.find((candidate) => candidate.rep.id === id);
  if (!record) throw new AdminNotFound('Could not find event listener');
  return record;
}

function checked(result: EventListenerRepresentation | string): EventListenerRepresentation {
  if (typeof result === 'string') throw new AdminBadRequest(result);
  return result;
}

/**
 * Commits a listener change with its admin event. An enabled listener's kind is added to the realm's
 * `eventsListeners` in the same transaction (the realm item is version-checked and its configVersion
 * bumped there, as one transaction may touch an item once); otherwise only configVersion is bumped.
 * Keycloak's events config changes are REALM admin events; the listener shows without its secret.
 */
async function commitListenerChange(request: AdminRequest, config: RealmConfig, writes: TransactWrite[], rep: EventListenerRepresentation, operationType: 'CREATE' | 'UPDATE' | 'DELETE'): Promise<void> {
  const names = (config.realm.rep.eventsListeners as string[] | undefined) ?? ['jboss-logging'];
  const name = listenerName(rep.type);
  const addName = operationType !== 'DELETE' && rep.enabled && !names.includes(name);
  const realmWrite: TransactWrite[] = addName
    ? [{ kind: 'updateVersioned', key: realmKey(config.realm.id), expectedVersion: config.realm.version, set: { rep: { ...config.realm.rep, eventsListeners: [...names, name] } }, add: { configVersion: 1 } }]
    : [];
  const event = { operationType, resourceType: 'REALM', resourcePath: `event-listeners/${rep.id}`, ...(operationType === 'DELETE' ? {} : { representation: publicView(rep) }) };
  await request.commit([...writes, ...realmWrite], event, { config: !addName, realm: config });
  if (addName) realmConfigChanged(config.realm.id);
}
