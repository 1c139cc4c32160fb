import { clientSessionKey, userSessionKey, type ItemKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';

/**
 * Keycloak's TokenManager.dettachClientSession followed by "remove the user session when no client
 * session is left" (TokenRevocationEndpoint.revokeClientSession, UserSessionManager
 * .removeClientFromOfflineUserSession): the client's session under the user session goes; when it
 * was the last one, the whole user session goes with it, so its refresh and access tokens stop
 * working everywhere. One Query of the session's partition and one batch delete; nothing happens
 * when the session is already gone. The deletes carry no condition: deleting what a concurrent
 * logout already deleted is harmless, and a client session added between the Query and the delete
 * (none is today: sessions get their client session when created) would only outlive its user
 * session until its TTL, unusable, since every token check reads the user session.
 */
export async function detachClientSession(store: Store, realmId: string, sessionId: string, clientUuid: string, offline: boolean): Promise<boolean> {
  const partition = userSessionKey(realmId, sessionId, offline).pk;
  const own = clientSessionKey(realmId, sessionId, clientUuid, offline);
  const items: ItemKey[] = [];
  for await (const item of store.queryAll({ partition, consistent: true })) items.push({ pk: item.pk, sk: item.sk });
  if (!items.some((item) => item.sk === own.sk)) return false;
  const othersLeft = items.some((item) => item.sk.startsWith('CLIENT#') && item.sk !== own.sk);
  await store.deleteMany(othersLeft ? [own] : items);
  return true;
}
