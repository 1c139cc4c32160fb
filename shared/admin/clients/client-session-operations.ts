import { clientSessionListingPartition, type ItemKey } from '../../store/keys.js';
import type { ClientSessionRecord, UserSessionRecord } from '../../store/sessions.js';
import type { Item } from '../../store/store.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { ok } from '../responses.js';
import { clientAt } from './client-access.js';

const client = `${mountOf('admin.clients.rest')}/{id}`;
/** How many sessions are read at once while a page is filled. */
const CHUNK = 25;

/**
 * A client's sessions (ClientResource, view-clients): the user sessions and offline sessions that
 * hold a client session of the client, as UserSessionRepresentation, paged by first/max (max 100 by
 * default); only callers who may view users see them (the list is filtered by UserPermissions.canView).
 * Found through the client-session listing (gsi2, keys.ts clientSessionListing); a session counts while
 * its client session is alive.
 */
export const clientSessionOperations: readonly AdminOperation[] = [
  { method: 'GET', path: `${client}/user-sessions`, run: (request) => listSessions(request, false) },
  { method: 'GET', path: `${client}/offline-sessions`, run: (request) => listSessions(request, true) },
  { method: 'GET', path: `${client}/session-count`, run: (request) => countSessions(request, false) },
  { method: 'GET', path: `${client}/offline-session-count`, run: (request) => countSessions(request, true) },
];

async function clientSessionKeys(request: AdminRequest, offline: boolean): Promise<{ realmId: string; clientUuid: string; keys: ItemKey[] }> {
  const { realm, client: found } = await clientAt(request);
  await request.require('view-clients');
  const realmId = realm.realm.id;
  const clientUuid = found.client.rep.id;
  const keys: ItemKey[] = [];
  for await (const item of request.store.queryAll({ partition: clientSessionListingPartition(realmId, clientUuid, offline), index: 'gsi2' })) {
    keys.push({ pk: item.pk, sk: item.sk });
  }
  return { realmId, clientUuid, keys };
}

async function countSessions(request: AdminRequest, offline: boolean) {
  const { keys } = await clientSessionKeys(request, offline);
  let count = 0;
  for (let start = 0; start < keys.length; start += CHUNK) {
    const found = await Promise.all(keys.slice(start, start + CHUNK).map((key) => request.store.get(key)));
    count += found.filter(Boolean).length;
  }
  return ok({ count });
}

async function listSessions(request: AdminRequest, offline: boolean) {
  const { clientUuid, keys } = await clientSessionKeys(request, offline);
  if (!(await request.has('view-users'))) return ok([]);
  const { first, max } = request.query.page(100);
  const directory = await request.directory();
  const page: unknown[] = [];
  let skipped = 0;
  for (let start = 0; start < keys.length && (max === undefined || page.length < max); start += CHUNK) {
    const sessions = await Promise.all(keys.slice(start, start + CHUNK).map((key) => sessionItems(request, key.pk)));
    for (const items of sessions) {
      const root = items.find((item): item is UserSessionRecord => item.entity === 'UserSession');
      const clientSessions = items.filter((item): item is ClientSessionRecord => item.entity === 'ClientSession');
      const own = clientSessions.find((session) => session.clientUuid === clientUuid);
      if (!root || !own) continue;
      if (skipped++ < first) continue;
      if (max !== undefined && page.length >= max) break;
      const clients: Record<string, string> = {};
      for (const session of clientSessions) {
        const other = await directory.clientByUuid(session.clientUuid);
        if (other) clients[session.clientUuid] = other.client.rep.clientId;
      }
      page.push({
        id: root.id,
        username: root.loginUsername,
        userId: root.userId,
        ipAddress: root.ipAddress,
        start: root.started * 1000,
        // Offline sessions report the client session's last use (ClientResource.toUserSessionRepresentation).
        lastAccess: (offline ? own.timestamp : root.lastSessionRefresh) * 1000,
        rememberMe: root.rememberMe,
        clients,
      });
    }
  }
  return ok(page);
}

/** The user session and its client sessions: one Query of the session's partition. */
async function sessionItems(request: AdminRequest, partition: string): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of request.store.queryAll<Item>({ partition, consistent: true })) items.push(item);
  return items;
}
