import { ClientsRepository, type ClientConfig } from '../store/clients.js';
import { GroupsRepository, type GroupRecord } from '../store/groups.js';
import type { Store } from '../store/store.js';
import { UsersRepository, type UserData } from '../store/users.js';
import type { RealmConfig } from './realm-config.js';
import { isServiceAccountUser } from './service-account-user.js';

/**
 * The clients and groups of one realm configuration, loaded on first use and kept for as long as
 * that configuration is current: every admin write bumps the realm's configVersion, which makes a new
 * RealmConfig and so a new directory (DESIGN.md §5). Warm, a token request reads no client or group.
 */
export class RealmDirectory {
  private readonly byClientId = new Map<string, Promise<ClientConfig | undefined>>();
  private readonly byUuid = new Map<string, Promise<ClientConfig | undefined>>();
  readonly groupCache = new Map<string, Promise<GroupRecord | undefined>>();
  private readonly serviceAccounts = new Map<string, Promise<UserData | undefined>>();
  private readonly clients: ClientsRepository;
  private readonly users: UsersRepository;
  readonly groups: GroupsRepository;

  constructor(
    readonly config: RealmConfig,
    store: Store,
  ) {
    this.clients = new ClientsRepository(store);
    this.groups = new GroupsRepository(store);
    this.users = new UsersRepository(store);
  }

  get realmId(): string {
    return this.config.realm.id;
  }

  client(clientId: string): Promise<ClientConfig | undefined> {
    return remember(this.byClientId, clientId, async () => {
      const config = await this.clients.loadByClientId(this.realmId, clientId);
      if (config) this.byUuid.set(config.client.rep.id, Promise.resolve(config));
      return config;
    });
  }

  clientByUuid(clientUuid: string): Promise<ClientConfig | undefined> {
    return remember(this.byUuid, clientUuid, () => this.clients.load(this.realmId, clientUuid));
  }

  /**
   * The service-account user of a client (record, role mappings, group ids; no credentials), kept
   * for the life of the configuration, so a warm client_credentials grant reads nothing.
   *
   * A deliberate exception to "user data is never cached" (DESIGN.md §5): Keycloak treats the service
   * account as part of its client (ClientModel's service-account link; the user is created, renamed and
   * removed with the client), and its token inputs change only through admin writes. Every admin write
   * that can change what its token carries — its role mappings, group memberships, the user itself
   * (enabled, attributes, username), its deletion, a partial import overwriting it — bumps the realm's
   * configVersion (isServiceAccountUser; groups and roles are realm configuration already). Other
   * containers see such a change when they next revalidate the configuration, as for a client's own
   * settings. A user whose record does not name it a service account is loaded on every grant.
   */
  serviceAccount(client: ClientConfig): Promise<UserData | undefined> {
    const userId = client.client.serviceAccountUserId;
    if (!userId) return Promise.resolve(undefined);
    const cached = this.serviceAccounts.get(userId);
    if (cached) return cached;
    const loading = this.users.load(this.realmId, userId).then((data) =>
      data ? { user: data.user, credentials: [], roleMappings: data.roleMappings, groupIds: data.groupIds } : undefined,
    );
    this.serviceAccounts.set(userId, loading);
    const forget = () => {
      if (this.serviceAccounts.get(userId) === loading) this.serviceAccounts.delete(userId);
    };
    // Kept only when found and marked as a service account (the writes above bump only for those).
    loading.then((data) => (data && isServiceAccountUser(data.user.rep) ? undefined : forget()), forget);
    return loading;
  }

  /** Groups with their ancestors, cached like the rest of the configuration. */
  groupsWithAncestors(groupIds: readonly string[]): Promise<GroupRecord[]> {
    return this.groups.withAncestors(this.realmId, groupIds, this.groupCache);
  }
}

/**
 * A client found is kept for the life of the configuration; a miss is not (concurrent lookups still
 * share one load): a client created since — by an import, a fixture or a writer whose configVersion
 * bump this container has not seen yet — is found on the next request, and an unknown client_id
 * sent over and over cannot grow the map.
 */
function remember<T>(map: Map<string, Promise<T | undefined>>, key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
  let value = map.get(key);
  if (!value) {
    value = load();
    map.set(key, value);
    const forget = () => {
      if (map.get(key) === value) map.delete(key);
    };
    value.then((found) => found === undefined && forget(), forget);
  }
  return value;
}

const directories = new WeakMap<RealmConfig, RealmDirectory>();

/** The directory of a realm configuration (one per RealmConfig object, so per configVersion). */
export function directoryOf(config: RealmConfig, store: Store): RealmDirectory {
  let directory = directories.get(config);
  if (!directory) directories.set(config, (directory = new RealmDirectory(config, store)));
  return directory;
}
