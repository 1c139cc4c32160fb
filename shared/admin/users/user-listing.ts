import { federatedIdentityPrefix, userKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import { UsersRepository, type FederatedIdentityLink, type UserRecord } from '../../store/users.js';
import type { UserCriteria } from './user-search.js';

/**
 * The users of a realm that meet the criteria, in username order, read lazily (DESIGN.md §5: a
 * Query, never a Scan): by id or exact username a single GetItem; by identity provider the provider's
 * link listing (gsi1 `FEDIDENTITIES#`); otherwise the realm's user listing (gsi1 `USERS#`), filtered
 * as it is read.
 */
export async function* matchingUsers(store: Store, realmId: string, criteria: UserCriteria): AsyncGenerator<UserRecord> {
  for await (const user of candidates(store, realmId, criteria)) {
    if (!criteria.includeServiceAccounts && typeof user.rep['serviceAccountClientId'] === 'string') continue;
    if (!criteria.matches(user.rep)) continue;
    if (criteria.idpAlias === undefined && criteria.idpUserId !== undefined && !(await linkedWithUserId(store, realmId, user.rep.id, criteria.idpUserId))) continue;
    yield user;
  }
}

async function* candidates(store: Store, realmId: string, criteria: UserCriteria): AsyncGenerator<UserRecord> {
  const users = new UsersRepository(store);
  const byId = async (id: string | undefined) => (id ? store.get<UserRecord>(userKey(realmId, id), { consistent: true }) : undefined);
  if (criteria.id !== undefined || criteria.exactUsername !== undefined) {
    const id = criteria.id ?? (await users.idForUsername(realmId, criteria.exactUsername!));
    const user = await byId(id);
    if (user) yield user;
    return;
  }
  if (criteria.idpAlias !== undefined) {
    const ids = [...new Set(await users.linkedUserIds(realmId, criteria.idpAlias, criteria.idpUserId))];
    const found = (await Promise.all(ids.map(byId))).filter((user): user is UserRecord => user !== undefined);
    yield* found.sort((a, b) => (a.rep.username < b.rep.username ? -1 : a.rep.username > b.rep.username ? 1 : 0));
    return;
  }
  yield* users.listed(realmId);
}

/** Whether the user has a link to any provider with this user id there (idpUserId without idpAlias). */
async function linkedWithUserId(store: Store, realmId: string, userId: string, idpUserId: string): Promise<boolean> {
  for await (const link of store.queryAll<FederatedIdentityLink>({ partition: userKey(realmId, userId).pk, skPrefix: federatedIdentityPrefix, consistent: true })) {
    if (link.userId === idpUserId) return true;
  }
  return false;
}
