import type { RealmConfig } from '../../realm/realm-config.js';
import { SERVICE_ACCOUNT_USER_PREFIX } from '../../realm/create-client.js';
import { emailKey, userKey, userListing, usernameKey, realmPart, type ItemKey } from '../../store/keys.js';
import type { Item, Store, TransactWrite } from '../../store/store.js';
import { groupMembershipItem, UsersRepository, type UserData } from '../../store/users.js';

/**
 * Removing a service-account user (UserManager.removeUser): everything in the user's partition but
 * the user item goes first, in batches (`batch`), so the user item, its username and email sentinels
 * can go in the caller's final transaction (`final`) — a failure part-way leaves the user in place
 * and a retry finishes the job.
 */
export async function serviceAccountRemoval(store: Store, realm: RealmConfig, userId: string): Promise<{ batch: ItemKey[]; final: TransactWrite[] }> {
  const realmId = realm.realm.id;
  const root = userKey(realmId, userId);
  const batch: ItemKey[] = [];
  let user: (Item & { rep: { username: string; email?: string } }) | undefined;
  for await (const item of store.queryAll<Item>({ partition: root.pk, consistent: true })) {
    if (item.sk === root.sk) user = item as typeof user;
    else batch.push({ pk: item.pk, sk: item.sk });
  }
  if (!user) return { batch, final: [] };
  const final: TransactWrite[] = [{ kind: 'delete', key: root }, { kind: 'delete', key: usernameKey(realmId, user.rep.username) }];
  // The email sentinel is the user's only when it points at it (realms may allow duplicate emails).
  if (user.rep.email) {
    const sentinel = await store.get<Item & { userId?: string }>(emailKey(realmId, user.rep.email), { consistent: true });
    if (sentinel?.userId === userId) final.push({ kind: 'delete', key: emailKey(realmId, user.rep.email) });
  }
  return { batch, final };
}

/**
 * ClientManager.clientIdChanged: the service-account user is renamed `service-account-{new clientId}`.
 * The user item (version-checked), its username sentinel (moved: the old one must exist, the new one
 * must be free) and its group memberships' listing entries change in the caller's transaction.
 */
export async function serviceAccountRenameWrites(store: Store, realm: RealmConfig, userId: string, clientId: string, onConflict: () => Error): Promise<TransactWrite[]> {
  const realmId = realm.realm.id;
  const data: UserData | undefined = await new UsersRepository(store).load(realmId, userId);
  if (!data) return [];
  const username = `${SERVICE_ACCOUNT_USER_PREFIX}${clientId}`.toLowerCase();
  if (data.user.rep.username === username) return [];
  const sentinel = usernameKey(realmId, username);
  const writes: TransactWrite[] = [
    {
      kind: 'updateVersioned',
      key: userKey(realmId, userId),
      expectedVersion: data.user.version,
      set: { rep: { ...data.user.rep, username }, ...userListing(realmId, username) },
    },
    { kind: 'delete', key: usernameKey(realmId, data.user.rep.username), mustExist: true, onConflict },
    { kind: 'create', item: { ...sentinel, ...realmPart(realmId, sentinel.pk), userId }, onConflict },
  ];
  for (const groupId of data.groupIds) writes.push({ kind: 'put', item: groupMembershipItem(realmId, userId, username, groupId) });
  return writes;
}
