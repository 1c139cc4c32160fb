import type * as v from 'valibot';
import { adminEventItem, adminEventWrites, type AdminEventInput, type AuthDetails } from '../events/admin-event.js';
import type { HttpEvent } from '../http/handler.js';
import { baseUrl } from '../http/request.js';
import { realmConfigChanged } from '../realm/config-changes.js';
import { loadRealmConfig, type RealmConfig } from '../realm/realm-config.js';
import { directoryOf, type RealmDirectory } from '../realm/realm-directory.js';
import { realmKey } from '../store/keys.js';
import { RealmsRepository } from '../store/realms.js';
import type { Store, TransactWrite } from '../store/store.js';
import type { AdminPrincipal } from './auth/admin-principal.js';
import { parseBody } from './body.js';
import { AdminForbidden, AdminNotFound } from './errors.js';
import { holds, holdsAny, type AdminRight } from './permissions.js';
import { AdminQuery } from './query.js';

/** Everything an admin operation works with. */
export interface AdminRequest {
  readonly event: HttpEvent;
  /** Decoded path parameters of the operation's template (`realm`, `id`, ...). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: AdminQuery;
  readonly store: Store;
  readonly principal: AdminPrincipal;
  readonly baseUrl: string;
  readonly ipAddress: string;
  /** The path's realm, read fresh (admins see their own writes at once); 404 "Realm not found.". */
  realm(): Promise<RealmConfig>;
  /** The realm's clients and groups, for this request. */
  directory(): Promise<RealmDirectory>;
  /** 403 unless the caller holds the right over the path's realm. */
  require(right: AdminRight): Promise<void>;
  /** 403 unless the caller holds one of the rights. */
  requireAny(...rights: AdminRight[]): Promise<void>;
  has(right: AdminRight): Promise<boolean>;
  /** 403 unless the caller holds any realm-management role over the path's realm. */
  requireAnyAdminRole(): Promise<void>;
  body<S extends v.GenericSchema>(schema: S): v.InferOutput<S>;
  /**
   * Commits writes and their admin event in one transaction (DESIGN.md §10), bumping the realm's
   * configVersion when `config` is set (realm configuration changed: clients, roles, scopes, groups).
   */
  commit(writes: readonly TransactWrite[], event: AdminEventInput, options?: { config?: boolean; realm?: RealmConfig }): Promise<void>;
  /** The admin event item for writes committed some other way (batches too large for one transaction). */
  eventWrite(realm: RealmConfig, event: AdminEventInput): TransactWrite;
}

export function adminRequest(event: HttpEvent, params: Record<string, string>, store: Store, principal: AdminPrincipal): AdminRequest {
  let realm: Promise<RealmConfig> | undefined;
  const loadRealm = (): Promise<RealmConfig> =>
    (realm ??= (async () => {
      const record = await new RealmsRepository(store).getByName(params['realm'] ?? '', { consistent: true });
      const config = record ? await loadRealmConfig(store, record.id) : undefined;
      if (!config) throw new AdminNotFound('Realm not found.');
      return config;
    })());
  const rolesHeld = async () => principal.rolesOver(await loadRealm());
  const authDetails = (): AuthDetails => ({
    realmId: principal.realmId,
    ...(principal.clientUuid ? { clientId: principal.clientUuid } : {}),
    userId: principal.userId,
    ipAddress: event.requestContext.http.sourceIp,
  });
  const eventWrite = (target: RealmConfig, input: AdminEventInput): TransactWrite => ({
    kind: 'put',
    item: adminEventItem({ ...target.realm.rep, id: target.realm.id }, authDetails(), input),
  });

  const request: AdminRequest = {
    event,
    params,
    query: new AdminQuery(event),
    store,
    principal,
    baseUrl: baseUrl(event),
    ipAddress: event.requestContext.http.sourceIp,
    realm: loadRealm,
    directory: async () => directoryOf(await loadRealm(), store),
    async has(right) {
      return holds(await rolesHeld(), right);
    },
    async require(right) {
      if (!holds(await rolesHeld(), right)) throw new AdminForbidden();
    },
    async requireAny(...rights) {
      const roles = await rolesHeld();
      if (!rights.some((right) => holds(roles, right))) throw new AdminForbidden();
    },
    async requireAnyAdminRole() {
      if (!holdsAny(await rolesHeld())) throw new AdminForbidden();
    },
    body: (schema) => parseBody(event, schema),
    async commit(writes, input, options = {}) {
      const target = options.realm ?? (await loadRealm());
      // The admin event is written only when the realm saves it or a listener takes it (issue 5).
      const all: TransactWrite[] = [...writes, ...adminEventWrites(target, authDetails(), input)];
      if (options.config) all.push({ kind: 'bumpConfigVersion', key: realmKey(target.realm.id) });
      await store.transact(all);
      if (options.config) realmConfigChanged(target.realm.id);
    },
    eventWrite,
  };
  return request;
}
