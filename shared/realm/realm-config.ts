import { isEventListenerRecord, type EventListenerRecord } from '../events/listeners/listener.js';
import { realmKeysOf, type RealmKey } from '../keys/realm-keys.js';
import {
  isClientScopeRecord,
  isRealmDefaultScopeRecord,
  type ClientScopeRecord,
  type RealmDefaultScopeRecord,
} from '../store/client-scopes.js';
import { isComponentRecord, type ComponentRecord } from '../store/components.js';
import { realmKey } from '../store/keys.js';
import type { RealmRecord } from '../store/realms.js';
import { isRoleRecord, type RoleRecord } from '../store/roles.js';
import type { Item, Store } from '../store/store.js';

/** A role a client scope maps into tokens. */
export interface ScopeRoleMapping extends Item {
  readonly entity: 'ScopeRoleMapping';
  readonly scopeId: string;
  readonly roleId: string;
  readonly clientUuid?: string;
}

/** Everything about a realm that requests read and admins change rarely: loaded in one Query. */
export interface RealmConfig {
  readonly realm: RealmRecord;
  readonly components: readonly ComponentRecord[];
  readonly keys: readonly RealmKey[];
  readonly clientScopes: readonly ClientScopeRecord[];
  readonly defaultScopes: readonly RealmDefaultScopeRecord[];
  readonly realmRoles: readonly RoleRecord[];
  readonly scopeRoleMappings: readonly ScopeRoleMapping[];
  /** Event listener settings (Gatehouse's `/event-listeners`, DESIGN.md §10). */
  readonly eventListeners: readonly EventListenerRecord[];
}

/**
 * Loads the realm's partition (the realm item, components, client scopes, realm roles, default scopes,
 * scope role mappings, event listeners) with one strongly consistent Query. Undefined when the realm does not exist.
 */
export async function loadRealmConfig(store: Store, realmId: string): Promise<RealmConfig | undefined> {
  let realm: RealmRecord | undefined;
  const components: ComponentRecord[] = [];
  const clientScopes: ClientScopeRecord[] = [];
  const defaultScopes: RealmDefaultScopeRecord[] = [];
  const realmRoles: RoleRecord[] = [];
  const scopeRoleMappings: ScopeRoleMapping[] = [];
  const eventListeners: EventListenerRecord[] = [];
  for await (const item of store.queryAll<Item>({ partition: realmKey(realmId).pk, consistent: true })) {
    if (item.sk === realmKey(realmId).sk) realm = item as RealmRecord;
    else if (isComponentRecord(item)) components.push(item);
    else if (isClientScopeRecord(item)) clientScopes.push(item);
    else if (isRealmDefaultScopeRecord(item)) defaultScopes.push(item);
    else if (isRoleRecord(item)) realmRoles.push(item);
    else if (item.entity === 'ScopeRoleMapping') scopeRoleMappings.push(item as ScopeRoleMapping);
    else if (isEventListenerRecord(item)) eventListeners.push(item);
  }
  if (!realm || realm.state === 'creating') return undefined;
  return { realm, components, keys: realmKeysOf(components), clientScopes, defaultScopes, realmRoles, scopeRoleMappings, eventListeners };
}
