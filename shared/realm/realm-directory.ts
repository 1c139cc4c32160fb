import { ClientsRepository, type ClientConfig } from '../store/clients.js';
import { GroupsRepository, type GroupRecord } from '../store/groups.js';
import type { Store } from '../store/store.js';
import type { RealmConfig } from './realm-config.js';

/**
 * The clients and groups of one realm configuration, loaded on first use and kept for as long as
 * that configuration is current: every admin write bumps the realm's configVersion, which makes a new
 * RealmConfig and so a new directory (DESIGN.md §5). Warm, a token request reads no client or group.
 */
export class RealmDirectory {
  private readonly byClientId = new Map<string, Promise<ClientConfig | undefined>>();
  private readonly byUuid = new Map<string, Promise<ClientConfig | undefined>>();
  readonly groupCache = new Map<string, Promise<GroupRecord | undefined>>();
  private readonly clients: ClientsRepository;
  readonly groups: GroupsRepository;

  constructor(
    readonly config: RealmConfig,
    store: Store,
  ) {
    this.clients = new ClientsRepository(store);
    this.groups = new GroupsRepository(store);
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
