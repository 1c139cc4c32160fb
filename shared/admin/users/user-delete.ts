import type { RealmConfig } from '../../realm/realm-config.js';
import { emailKey, userKey, usernameKey, userSessionListingPartition, type ItemKey } from '../../store/keys.js';
import type { Store, TransactWrite } from '../../store/store.js';
import { UsersRepository, type UserPartition } from '../../store/users.js';
import { AdminNotFound } from '../errors.js';
import type { Cascade } from '../roles/cascade.js';

/**
 * UserManager.removeUser as a cascade: the user's online and offline sessions (found by the user's
 * session listings, gsi1) and every item of its partition (credentials, role mappings, memberships,
 * identity provider links, brute-force record) go first; the user item (which must still exist),
 * its username sentinel and its email sentinel (when it names this user) go last, with the event.
 */
export async function userRemoval(store: Store, realm: RealmConfig, data: UserPartition): Promise<Cascade> {
  const realmId = realm.realm.id;
  const user = data.user.rep;
  const root = userKey(realmId, user.id);
  const deletes: ItemKey[] = data.keys.filter((key) => key.sk !== root.sk);
  for (const offline of [false, true]) {
    for await (const session of store.queryAll({ partition: userSessionListingPartition(realmId, user.id, offline), index: 'gsi1' })) {
      for await (const item of store.queryAll({ partition: session.pk, consistent: true })) deletes.push({ pk: item.pk, sk: item.sk });
    }
  }
  const final: TransactWrite[] = [
    { kind: 'delete', key: root, mustExist: true, onConflict: () => new AdminNotFound('User not found') },
    { kind: 'delete', key: usernameKey(realmId, user.username) },
  ];
  if (user.email && (await new UsersRepository(store).idForEmail(realmId, user.email)) === user.id) final.push({ kind: 'delete', key: emailKey(realmId, user.email) });
  return { deletes, updates: [], final };
}
