import { bearerToken } from '../../http/bearer-token.js';
import type { HttpEvent } from '../../http/handler.js';
import { baseUrl, header } from '../../http/request.js';
import { keyProviders } from '../../keys/key-providers.js';
import { ADMIN_ROLE, CREATE_REALM_ROLE } from '../../model/builtin/roles.js';
import { issuerOf } from '../../oidc/discovery.js';
import { checkTokenInUse } from '../../oidc/tokens/token-in-use.js';
import { verifyOwnToken, type TokenPayload } from '../../oidc/tokens/verify-own-token.js';
import { masterRealmId } from '../../realm/master.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { realmConfigCache } from '../../realm/realm-config-cache.js';
import { directoryOf } from '../../realm/realm-directory.js';
import type { Store } from '../../store/store.js';
import { AdminUnauthorized } from '../errors.js';
import type { AdminPrincipal } from './admin-principal.js';
import { effectiveRoles } from './effective-roles.js';

/** Keycloak's realm-management client: in a realm other than master, it holds the admin roles. */
const REALM_MANAGEMENT = 'realm-management';
/** In master, `{realm}-realm` holds the admin roles over that realm. */
const masterManagementClient = (realmName: string): string => `${realmName}-realm`;

/**
 * Authenticates an Admin API bearer token as Keycloak's AdminRoot does: an access token (typ Bearer)
 * signed by the realm named in its issuer, valid now and still in use (client, session, user enabled,
 * not revoked, not before). Anything else is 401. Rights come from the user's current role mappings
 * (not the token's claims), so a revoked role stops working at once.
 */
export async function bearerPrincipal(event: HttpEvent, store: Store, now = Date.now() / 1000): Promise<AdminPrincipal> {
  const token = bearerToken(header(event, 'authorization'));
  if (!token) throw new AdminUnauthorized();
  const issuerRealm = issuerRealmName(token, baseUrl(event));
  const realm = issuerRealm === undefined ? undefined : await realmConfigCache().byName(issuerRealm);
  if (!realm || realm.realm.rep.enabled === false) throw new AdminUnauthorized();
  const verified = await verifyOwnToken(token, realm, issuerOf(baseUrl(event), realm.realm.name), keyProviders(), now);
  if (!verified.ok || String(verified.payload.typ).toLowerCase() !== 'bearer') throw new AdminUnauthorized();
  const directory = directoryOf(realm, store);
  const inUse = await checkTokenInUse({ realm, directory, store }, verified.payload);
  if (!inUse.ok) throw new AdminUnauthorized();
  const { user, client } = inUse.value;
  let roles: ReturnType<typeof effectiveRoles> | undefined;
  const userRoles = () => (roles ??= effectiveRoles(realm, directory, user));

  return {
    kind: 'user',
    realmId: realm.realm.id,
    realmName: realm.realm.name,
    clientUuid: client.client.rep.id,
    userId: user.user.rep.id,
    username: user.user.rep.username,
    async rolesOver(target: RealmConfig): Promise<ReadonlySet<string>> {
      const fromMaster = realm.realm.id === masterRealmId;
      if (!fromMaster && realm.realm.id !== target.realm.id) return new Set();
      const management = await directory.client(fromMaster ? masterManagementClient(target.realm.name) : REALM_MANAGEMENT);
      if (!management) return new Set();
      const held = (await userRoles()).filter((role) => role.clientUuid === management.client.rep.id);
      return new Set(held.map((role) => role.rep.name));
    },
    async canCreateRealm(): Promise<boolean> {
      if (realm.realm.id !== masterRealmId) return false;
      return (await userRoles()).some((role) => !role.clientUuid && (role.rep.name === CREATE_REALM_ROLE || role.rep.name === ADMIN_ROLE));
    },
  };
}

/** The realm name in an unverified token's `iss`, when it is one of ours (`{base}/realms/{name}`). */
function issuerRealmName(token: string, base: string): string | undefined {
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    return undefined;
  }
  const prefix = `${issuerOf(base, '')}`;
  if (typeof payload?.iss !== 'string' || !payload.iss.startsWith(prefix)) return undefined;
  const name = decodeURIComponent(payload.iss.slice(prefix.length));
  return name && !name.includes('/') ? name : undefined;
}
