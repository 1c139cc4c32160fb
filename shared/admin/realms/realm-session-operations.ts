import { realmConfigChanged } from '../../realm/config-changes.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientRecord } from '../../store/clients.js';
import { clientListingPartition, clientSessionListingPartition, userSessionKey, type ItemKey } from '../../store/keys.js';
import { realmUpdateWrites } from '../../store/realms.js';
import { SessionsRepository } from '../../store/sessions.js';
import type { Item, Store } from '../../store/store.js';
import { mergeResults, pushAdminAction } from '../adapter-actions/push-admin-action.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';

const realm = mountOf('admin.realm');
/** How many sessions are read or deleted at once. */
const CHUNK = 25;


/** RealmAdminResource's session operations: statistics, logging everyone out, revocation, one session. */
export const realmSessionOperations: readonly AdminOperation[] = [
  {
    // GET client-session-stats (view-realm): per client with sessions, its online and offline session
    // counts as strings (Keycloak returns Map<String, String>).
    method: 'GET',
    path: `${realm}/client-session-stats`,
    async run(request) {
      await request.require('view-realm');
      const config = await request.realm();
      const stats: { id: string; clientId: string; active: string; offline: string }[] = [];
      for (const client of await realmClients(request.store, config.realm.id)) {
        const active = await liveSessionCount(request.store, client, false);
        const offline = await liveSessionCount(request.store, client, true);
        if (active + offline > 0) stats.push({ id: client.rep.id, clientId: client.rep.clientId, active: String(active), offline: String(offline) });
      }
      return ok(stats);
    },
  },
  {
    // POST logout-all (manage-users): ResourceAdminManager.logoutAll sets the realm's notBefore to now,
    // so every token issued before is refused, and every online user session is removed.
    method: 'POST',
    path: `${realm}/logout-all`,
    async run(request) {
      await request.require('manage-users');
      const config = await request.realm();
      const notBefore = Math.floor(Date.now() / 1000);
      // Keycloak sets the not-before, then pushes a LogoutAction to every enabled client's admin URL;
      // the event carries the GlobalRequestResult, so the push precedes the commit.
      const clients = (await realmClients(request.store, config.realm.id)).filter((client) => client.rep.enabled !== false);
      const pushed = mergeResults(await Promise.all(clients.map((client) => pushAdminAction(config, client.rep, { action: 'LOGOUT', path: 'k_logout', notBefore }, request.baseUrl))));
      await request.commit(realmUpdateWrites(config.realm, { ...config.realm.rep, realm: config.realm.name, notBefore }), {
        operationType: 'ACTION',
        resourceType: 'REALM',
        resourcePath: 'logout-all',
        representation: pushed,
      });
      realmConfigChanged(config.realm.id);
      await removeOnlineSessions(request.store, config);
      return ok(pushed);
    },
  },
  {
    // POST push-revocation (manage-realm): ResourceAdminManager.pushRealmRevocationPolicy sends the
    // realm's not-before to every client's admin URL (k_push_not_before); the answer says which took it.
    method: 'POST',
    path: `${realm}/push-revocation`,
    async run(request) {
      await request.require('manage-realm');
      const config = await request.realm();
      const notBefore = Number(config.realm.rep.notBefore ?? 0);
      const clients = await realmClients(request.store, config.realm.id);
      const pushed = mergeResults(await Promise.all(clients.map((client) => pushAdminAction(config, client.rep, { action: 'PUSH_NOT_BEFORE', path: 'k_push_not_before', notBefore }, request.baseUrl))));
      await request.commit([], { operationType: 'ACTION', resourceType: 'REALM', resourcePath: 'push-revocation', representation: pushed });
      return ok(pushed);
    },
  },
  {
    // DELETE sessions/{session}?isOffline= (manage-users): removes one user session (404 "Sesssion not
    // found", Keycloak's spelling, when there is none).
    method: 'DELETE',
    path: `${realm}/sessions/{session}`,
    async run(request) {
      await request.require('manage-users');
      const config = await request.realm();
      const offline = request.query.boolean('isOffline') === true;
      const sessionId = request.params['session']!;
      const sessions = new SessionsRepository(request.store);
      if (!(await sessions.get(config.realm.id, sessionId, offline))) throw new AdminNotFound('Sesssion not found');
      await sessions.delete(config.realm.id, sessionId, offline);
      await request.commit([], { operationType: 'DELETE', resourceType: 'USER_SESSION', resourcePath: `sessions/${sessionId}` });
      return noContent();
    },
  },
];

/** The realm's clients (gsi1 listing by clientId). */
async function realmClients(store: Store, realmId: string): Promise<ClientRecord[]> {
  const clients: ClientRecord[] = [];
  for await (const item of store.queryAll<ClientRecord>({ partition: clientListingPartition(realmId), index: 'gsi1' })) clients.push(item);
  return clients;
}

/** Keys of a client's client sessions (gsi2, KEYS_ONLY: expired ones included until TTL removes them). */
async function clientSessionKeys(store: Store, client: ClientRecord, offline: boolean): Promise<ItemKey[]> {
  const keys: ItemKey[] = [];
  for await (const item of store.queryAll<Item>({ partition: clientSessionListingPartition(client.realmId, client.rep.id, offline), index: 'gsi2' })) {
    keys.push({ pk: item.pk, sk: item.sk });
  }
  return keys;
}

/** UserSessionProvider.getActiveClientSessionStats: the client sessions still alive (read as absent once expired). */
async function liveSessionCount(store: Store, client: ClientRecord, offline: boolean): Promise<number> {
  const keys = await clientSessionKeys(store, client, offline);
  let count = 0;
  for (let start = 0; start < keys.length; start += CHUNK) {
    count += (await Promise.all(keys.slice(start, start + CHUNK).map((key) => store.get(key)))).filter(Boolean).length;
  }
  return count;
}

/**
 * UserSessionProvider.removeUserSessions(realm): every online session, found through its clients'
 * session listings (gsi2) — a realm has far fewer clients than users, and every user session is created
 * with a client session — then deleted partition by partition. Offline sessions stay, as in Keycloak;
 * their tokens fall to the new not-before.
 */
async function removeOnlineSessions(store: Store, config: RealmConfig): Promise<void> {
  const sessionIds = new Set<string>();
  const prefix = userSessionKey(config.realm.id, '', false).pk;
  for (const client of await realmClients(store, config.realm.id)) {
    for (const key of await clientSessionKeys(store, client, false)) if (key.pk.startsWith(prefix)) sessionIds.add(key.pk.slice(prefix.length));
  }
  const sessions = new SessionsRepository(store);
  const ids = [...sessionIds];
  for (let start = 0; start < ids.length; start += CHUNK) {
    await Promise.all(ids.slice(start, start + CHUNK).map((id) => sessions.delete(config.realm.id, id, false)));
  }
}
