import type { UserSessionRecord } from '../../store/sessions.js';
import type { Store } from '../../store/store.js';
import { UsersRepository, type UserData } from '../../store/users.js';
import type { TokenPayload } from './verify-own-token.js';

/**
 * The user a token stands for: its session's user; for a token without session (client
 * credentials), Keycloak's TokenManager.lookupUserFromStatelessToken — the user whose id is the
 * token's `sub`, else the one whose username is its `preferred_username`.
 */
export async function tokenUser(store: Store, realmId: string, token: TokenPayload, session: UserSessionRecord | undefined): Promise<UserData | undefined> {
  const users = new UsersRepository(store);
  if (session) return users.load(realmId, session.userId);
  const bySub = typeof token.sub === 'string' && token.sub !== '' ? await users.load(realmId, token.sub) : undefined;
  if (bySub) return bySub;
  const username = token['preferred_username'];
  const id = typeof username === 'string' && username !== '' ? await users.idForUsername(realmId, username) : undefined;
  return id ? users.load(realmId, id) : undefined;
}
