import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { RealmDirectory } from '../../realm/realm-directory.js';
import type { ClientConfig } from '../../store/clients.js';
import type { GroupRecord } from '../../store/groups.js';
import type { UserSessionRecord } from '../../store/sessions.js';
import type { UserData } from '../../store/users.js';
import type { MapperContext, MapperGroup } from '../mappers/mapper.js';
import { RoleResolver } from '../roles/role-resolver.js';
import { tokenRoleRecords, tokenRolesOf } from '../roles/token-roles.js';
import type { AppliedScopes } from '../scopes/applied-scopes.js';
import { allowedWebOrigins } from './web-origins.js';

/** Everything needed to build one set of tokens for a user (or a client's service account). */
export interface TokenContext {
  readonly realm: RealmConfig;
  readonly client: ClientConfig;
  readonly user: UserData;
  readonly scopes: AppliedScopes;
  readonly session?: UserSessionRecord;
  /** The protocol mappers that apply: the client's own, then each applied scope's. */
  readonly mappers: readonly ProtocolMapperRepresentation[];
  readonly mapperContext: MapperContext;
}

/**
 * Gathers a token's inputs: the user's groups (with ancestors), the roles the token may carry,
 * the protocol mappers of the client and of its applied scopes (Keycloak's
 * TokenManager.getProtocolMappers), and the mapper context. Clients and groups come from the realm
 * directory, so a warm container reads only the user.
 */
export async function tokenContext(
  directory: RealmDirectory,
  client: ClientConfig,
  user: UserData,
  scopes: AppliedScopes,
  session: UserSessionRecord | undefined,
  clientSessionNotes: Record<string, string> = {},
  /** Notes of a transient session (client credentials): mapped, never stored, no `sid`. */
  transientSessionNotes?: Record<string, string>,
): Promise<TokenContext> {
  const realm = directory.config;
  const groups = await directory.groupsWithAncestors(user.groupIds);
  const resolver = new RoleResolver(realm.realmRoles, (uuid) => directory.clientByUuid(uuid));
  const roleRecords = await tokenRoleRecords(resolver, realm, client, user, groups, scopes.scopes);
  const roles = await tokenRolesOf(roleRecords, async (uuid) => (await directory.clientByUuid(uuid))?.client.rep.clientId);
  const mappers = mapperList(client, scopes);
  const mapperContext: MapperContext = {
    realm: { id: realm.realm.id, name: realm.realm.name, attributes: realm.realm.rep.attributes ?? {} },
    client: client.client.rep,
    user: user.user.rep,
    groups: mapperGroups(groups, user.groupIds),
    roles,
    ...(session ? { userSession: { id: session.id, notes: session.notes } } : {}),
    ...(!session && transientSessionNotes ? { userSession: { id: '', notes: transientSessionNotes } } : {}),
    clientSessionNotes,
    allowedWebOrigins: allowedWebOrigins(client.client.rep),
  };
  return { realm, client, user, scopes, ...(session ? { session } : {}), mappers, mapperContext };
}

/**
 * Mapper lists per client and scope set. A ClientConfig object belongs to one realm configuration
 * (RealmDirectory, per configVersion), as do the scope records it is used with, so a list is kept
 * for as long as its client object lives; applyProtocolMappers keeps its per-token-kind order with it.
 */
const mapperLists = new WeakMap<ClientConfig, Map<string, { scopes: AppliedScopes['scopes']; list: readonly ProtocolMapperRepresentation[] }>>();
/** Scope sets come from the client's default and optional scopes; this bounds them all the same. */
const MAX_SCOPE_SETS = 64;

function mapperList(client: ClientConfig, scopes: AppliedScopes): readonly ProtocolMapperRepresentation[] {
  let lists = mapperLists.get(client);
  if (!lists) mapperLists.set(client, (lists = new Map()));
  const key = scopes.scopes.map((scope) => scope.rep.id).join(' ');
  const kept = lists.get(key);
  // The same scope records, not only the same ids: a list never outlives the configuration it came from.
  if (kept && kept.scopes.length === scopes.scopes.length && kept.scopes.every((scope, index) => scope === scopes.scopes[index])) return kept.list;
  const list = [...(client.client.rep.protocolMappers ?? []), ...scopes.scopes.flatMap((scope) => scope.rep.protocolMappers ?? [])].filter(
    (mapper) => (mapper.protocol ?? 'openid-connect') === 'openid-connect',
  );
  if (lists.size >= MAX_SCOPE_SETS) lists.clear();
  lists.set(key, { scopes: scopes.scopes, list });
  return list;
}

/** The context for the session a grant started after building it (tokens then carry `sid` and the session's notes). */
export function withSession(ctx: TokenContext, session: UserSessionRecord): TokenContext {
  return { ...ctx, session, mapperContext: { ...ctx.mapperContext, userSession: { id: session.id, notes: session.notes } } };
}

/** The user's direct groups, each linked to its parent chain. */
function mapperGroups(groups: readonly GroupRecord[], directIds: readonly string[]): MapperGroup[] {
  const byId = new Map(groups.map((group) => [group.rep.id, group]));
  const build = (id: string, depth = 0): MapperGroup | undefined => {
    const group = byId.get(id);
    if (!group || depth > 100) return undefined;
    const parent = group.rep.parentId ? build(group.rep.parentId, depth + 1) : undefined;
    return {
      id: group.rep.id,
      name: group.rep.name,
      path: group.rep.path,
      ...(group.rep.attributes ? { attributes: group.rep.attributes } : {}),
      ...(parent ? { parent } : {}),
    };
  };
  return directIds.map((id) => build(id)).filter((group): group is MapperGroup => group !== undefined);
}
