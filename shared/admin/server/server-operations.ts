import type { UserRepresentation } from '../../model/user.js';
import { masterRealmId } from '../../realm/master.js';
import { loadRealmConfig, type RealmConfig } from '../../realm/realm-config.js';
import { userKey } from '../../store/keys.js';
import { RealmsRepository } from '../../store/realms.js';
import type { Store } from '../../store/store.js';
import type { UserRecord } from '../../store/users.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminPrincipal } from '../auth/admin-principal.js';
import { AdminForbidden, AdminNotFound, AdminUnauthorized } from '../errors.js';
import { holdsAny } from '../permissions.js';
import { ok } from '../responses.js';
import { serverInfo } from './server-info.js';

/** Keycloak's attribute marking the temporary bootstrap admin (WhoAmI.temporary). */
const TEMPORARY_ADMIN_ATTRIBUTE = 'is_temporary_admin';

async function realmNamed(store: Store, name: string): Promise<RealmConfig | undefined> {
  const record = await new RealmsRepository(store).getByName(name, { consistent: true });
  return record ? loadRealmConfig(store, record.id) : undefined;
}

/** An admin of some realm: any realm-management role in the realm that authenticated them, or realm creation. */
async function isAdmin(store: Store, principal: AdminPrincipal): Promise<boolean> {
  if (principal.kind === 'iam') return true;
  const own = await loadRealmConfig(store, principal.realmId);
  return (own !== undefined && holdsAny(await principal.rolesOver(own))) || (await principal.canCreateRealm());
}

/** AdminConsole.whoAmI's display name: "first last" when either is set, else the username. */
function displayName(user: UserRepresentation | undefined, principal: AdminPrincipal): string {
  const first = user?.firstName?.trim() ? user.firstName : undefined;
  const last = user?.lastName?.trim() ? user.lastName : undefined;
  if (first || last) return [first, last].filter(Boolean).join(' ');
  return user?.username ?? principal.username;
}

/** session.getContext().resolveLocale(user): the user's locale where the realm is localised, else the realm's default. */
function localeOf(user: UserRepresentation | undefined, realm: RealmConfig): string {
  const rep = realm.realm.rep;
  const chosen = user?.attributes?.['locale']?.[0];
  if (rep.internationalizationEnabled === true && chosen) return chosen;
  return typeof rep.defaultLocale === 'string' && rep.defaultLocale ? rep.defaultLocale : 'en';
}

/**
 * GET /admin/serverinfo (ServerInfoAdminResource; any admin) and GET
 * /admin/{realm}/console/whoami (AdminConsole.whoAmI): who the caller is and which admin rights they
 * hold over `currentRealm` (master admins) or their own realm.
 */
export const serverOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: mountOf('admin.serverinfo'),
    async run(request) {
      if (!(await isAdmin(request.store, request.principal))) throw new AdminForbidden();
      return ok(serverInfo());
    },
  },
  {
    method: 'GET',
    path: mountOf('admin.whoami'),
    async run(request) {
      const { principal, store } = request;
      // The console asks the realm it logged in to; a token from another realm is not authenticated there.
      if (principal.realmName !== request.params['realm']) throw new AdminUnauthorized();
      const own = await loadRealmConfig(store, principal.realmId);
      if (!own) throw new AdminNotFound('Realm not found.');
      const currentName = principal.realmId === masterRealmId ? (request.query.string('currentRealm') ?? own.realm.name) : own.realm.name;
      const current = currentName === own.realm.name ? own : await realmNamed(store, currentName);
      if (!current) throw new AdminNotFound('Realm not found.');
      const user = principal.kind === 'user' ? (await store.get<UserRecord>(userKey(principal.realmId, principal.userId)))?.rep : undefined;
      return ok({
        userId: principal.userId,
        realm: own.realm.name,
        displayName: displayName(user, principal),
        locale: localeOf(user, own),
        createRealm: await principal.canCreateRealm(),
        realm_access: { [current.realm.name]: [...(await principal.rolesOver(current))].sort() },
        temporary: user?.attributes?.[TEMPORARY_ADMIN_ATTRIBUTE]?.[0] === 'true',
      });
    },
  },
];
