import { loadSettings, once, parse, type Settings } from '../config/env-config.js';
import { realmNameProblem } from '../model/realm-defaults.js';
import { defaultStore } from '../store/default-store.js';
import { realmKey } from '../store/keys.js';
import { RealmsRepository, type RealmRecord } from '../store/realms.js';
import type { Store } from '../store/store.js';
import { onRealmConfigChange } from './config-changes.js';
import { loadRealmConfig, type RealmConfig } from './realm-config.js';

interface CacheConfig {
  /**
   * How long a container trusts its cached realm configuration before checking the realm's
   * configVersion again (one GetItem). Writes made by the same container are seen at once.
   * @default 10
   */
  readonly revalidateSeconds: number;
}

const settings: Settings<CacheConfig> = {
  revalidateSeconds: { variable: 'GATEHOUSE_CONFIG_CACHE_SECONDS', parse: parse.integer(0, 3600), defaultValue: 10 },
};

interface Entry {
  readonly config: RealmConfig | undefined;
  checkedAt: number;
}

/** Bounds memory when many unknown realm names are asked for. */
const MAX_ENTRIES = 1000;

/**
 * Per-container cache of realm configuration, keyed by realm name and validated by the realm's
 * configVersion (DESIGN.md §5). Warm and fresh: no DynamoDB request at all. Stale: one GetItem of the
 * realm item; only a changed configVersion reloads the partition. User data is never cached here.
 */
export class RealmConfigCache {
  private readonly entries = new Map<string, Entry>();
  private readonly realms: RealmsRepository;

  constructor(
    private readonly store: Store,
    private readonly revalidateMs: number,
    private readonly now: () => number = Date.now,
    /** Hear this process's own writes at once (off only to stand for another container in tests). */
    listenToLocalChanges = true,
  ) {
    this.realms = new RealmsRepository(store);
    if (listenToLocalChanges) onRealmConfigChange((realmId) => this.forgetRealm(realmId));
  }

  /** The realm's configuration, or undefined when no realm has that name. */
  async byName(name: string): Promise<RealmConfig | undefined> {
    if (realmNameProblem(name)) return undefined;
    const entry = this.entries.get(name);
    if (entry && this.now() - entry.checkedAt < this.revalidateMs) return entry.config;
    const config = entry?.config ? await this.revalidate(name, entry.config) : await this.load(name);
    this.remember(name, config);
    return config;
  }

  /** Drops whatever is cached for a realm (by id) and every negative entry. */
  forgetRealm(realmId: string): void {
    for (const [name, entry] of this.entries) {
      if (!entry.config || entry.config.realm.id === realmId) this.entries.delete(name);
    }
  }

  private async revalidate(name: string, cached: RealmConfig): Promise<RealmConfig | undefined> {
    const current = await this.store.get<RealmRecord>(realmKey(cached.realm.id));
    if (current && current.name === name && current.configVersion === cached.realm.configVersion) return cached;
    return this.load(name);
  }

  private async load(name: string): Promise<RealmConfig | undefined> {
    const id = await this.realms.idForName(name);
    if (id === undefined) return undefined;
    const config = await loadRealmConfig(this.store, id);
    return config?.realm.name === name ? config : undefined;
  }

  private remember(name: string, config: RealmConfig | undefined): void {
    this.entries.delete(name);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(name, { config, checkedAt: this.now() });
  }
}

/** The container's realm config cache over the default store. */
export const realmConfigCache = once(
  () => new RealmConfigCache(defaultStore(), loadSettings(settings).revalidateSeconds * 1000),
);
