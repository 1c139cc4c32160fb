import { RealmNotFoundError } from '../http/errors.js';
import type { HttpEvent } from '../http/handler.js';
import { baseUrl, pathParam } from '../http/request.js';
import { keyProviders, type KeyProviders } from '../keys/key-providers.js';
import type { RealmConfig } from '../realm/realm-config.js';
import { realmConfigCache } from '../realm/realm-config-cache.js';
import { directoryOf, type RealmDirectory } from '../realm/realm-directory.js';
import { defaultStore } from '../store/default-store.js';
import type { Store } from '../store/store.js';
import { issuerOf } from './discovery.js';
import { AccessDenied } from './errors/codes.js';

/** What a protocol endpoint under /realms/{realm} works with. */
export interface RealmRequest {
  readonly realm: RealmConfig;
  readonly directory: RealmDirectory;
  readonly issuer: string;
  readonly baseUrl: string;
  readonly store: Store;
  readonly keys: KeyProviders;
  /** The client's address as API Gateway saw it (never a client-supplied header). */
  readonly ipAddress: string;
}

/**
 * Resolves the path's realm through the config cache; an unknown realm is Keycloak's 404. Endpoints
 * that issue or accept tokens refuse a disabled realm as Keycloak's checkRealm does (403).
 */
export async function realmRequest(event: HttpEvent, options: { requireEnabled?: boolean } = { requireEnabled: true }): Promise<RealmRequest> {
  const realm = await realmConfigCache().byName(pathParam(event, 'realm') ?? '');
  if (!realm) throw new RealmNotFoundError();
  if (options.requireEnabled !== false && realm.realm.rep.enabled !== true) throw new AccessDenied('Realm not enabled');
  const base = baseUrl(event);
  const store = defaultStore();
  return {
    realm,
    directory: directoryOf(realm, store),
    issuer: issuerOf(base, realm.realm.name),
    baseUrl: base,
    store,
    keys: keyProviders(),
    ipAddress: event.requestContext.http.sourceIp,
  };
}
