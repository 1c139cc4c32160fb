import type { HttpEvent } from '../../http/handler.js';
import type { KeyProviders } from '../../keys/key-providers.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { RealmDirectory } from '../../realm/realm-directory.js';
import type { ClientConfig } from '../../store/clients.js';
import type { Store } from '../../store/store.js';
import type { TokenResponse } from '../tokens/issue-tokens.js';

/** What every grant handler gets: the authenticated client and the request around it. */
export interface GrantRequest {
  readonly event: HttpEvent;
  readonly form: ReadonlyMap<string, string>;
  readonly realm: RealmConfig;
  readonly directory: RealmDirectory;
  readonly client: ClientConfig;
  /** Keycloak's `client_auth_method` event detail: the accepting authenticator's id (authenticatorIdOf). */
  readonly clientAuthMethod: string;
  readonly issuer: string;
  readonly store: Store;
  readonly keys: KeyProviders;
  /** Epoch seconds. */
  readonly now: number;
  readonly ipAddress: string;
}

export type GrantHandler = (request: GrantRequest) => Promise<TokenResponse>;
