import type { RealmDirectory } from '../../realm/realm-directory.js';
import { userSessionListingPartition } from '../../store/keys.js';
import type { ClientSessionRecord, UserSessionRecord } from '../../store/sessions.js';
import type { Item, Store } from '../../store/store.js';

/** A user session with its client sessions (one Query of the session's partition). */
export interface SessionView {
  readonly session: UserSessionRecord;
  readonly clients: readonly ClientSessionRecord[];
}

/**
 * The user's live online or offline sessions, oldest first: the user's session listing (gsi1
 * `SESSIONS#` / `OFFLINESESSIONS#`), then each session's partition. Expired items read as absent.
 */
export async function userSessions(store: Store, realmId: string, userId: string, offline: boolean): Promise<SessionView[]> {
  const roots: UserSessionRecord[] = [];
  for await (const root of store.queryAll<UserSessionRecord>({ partition: userSessionListingPartition(realmId, userId, offline), index: 'gsi1' })) roots.push(root);
  const views = await Promise.all(
    roots.map(async (root): Promise<SessionView | undefined> => {
      let session: UserSessionRecord | undefined;
      const clients: ClientSessionRecord[] = [];
      for await (const item of store.queryAll<Item>({ partition: root.pk, consistent: true })) {
        if (item.entity === 'UserSession') session = item as UserSessionRecord;
        else if (item.entity === 'ClientSession') clients.push(item as ClientSessionRecord);
      }
      return session ? { session, clients } : undefined;
    }),
  );
  return views.filter((view): view is SessionView => view !== undefined);
}

/**
 * ModelToRepresentation.toRepresentation(UserSessionModel): times in epoch milliseconds, the clients
 * by uuid → clientId (clients deleted since are left out); `lastAccess` overridden for a client's
 * offline session view.
 */
export async function sessionRepresentation(directory: RealmDirectory, view: SessionView, username: string, lastAccess?: number): Promise<Record<string, unknown>> {
  const clients: Record<string, string> = {};
  for (const client of view.clients) {
    const found = await directory.clientByUuid(client.clientUuid);
    if (found) clients[client.clientUuid] = found.client.rep.clientId;
  }
  const { session } = view;
  return {
    id: session.id,
    username,
    userId: session.userId,
    ipAddress: session.ipAddress,
    start: session.started * 1000,
    lastAccess: (lastAccess ?? session.lastSessionRefresh) * 1000,
    rememberMe: session.rememberMe,
    clients,
  };
}
