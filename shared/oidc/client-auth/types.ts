import type { ClientConfig } from '../../store/clients.js';
import type { Store } from '../../store/store.js';

/**
 * The client authentication methods of OIDC Core §9 / RFC 8414 `token_endpoint_auth_methods_supported`
 * that Gatehouse accepts ("none": a public client identified by client_id alone, RFC 6749 §2.1).
 */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt' | 'none';

export interface AuthenticateClientInput {
  readonly realmId: string;
  /** The realm's issuer: `{base}/realms/{realm}`. */
  readonly issuer: string;
  /** The URL the request was sent to (token, introspection, revocation, PAR, ... endpoint). */
  readonly endpointUrl: string;
  /** The request's Authorization header, if any. */
  readonly authorization?: string;
  /** The parsed form (shared/http/form.ts): each parameter once, empty values left out. */
  readonly form: ReadonlyMap<string, string>;
  readonly loadClient: (clientId: string) => Promise<ClientConfig | undefined>;
  /** Holds the single-use marks of client assertion jti values. */
  readonly store: Store;
  /** Epoch milliseconds, like Date.now (the default). */
  readonly now?: () => number;
  /**
   * Keycloak refuses bearer-only clients at the token, revocation, logout and CIBA endpoints
   * ("Bearer-only not allowed") but lets them call introspection; only introspection passes true.
   * @default false
   */
  readonly allowBearerOnly?: boolean;
}

export interface AuthenticatedClient {
  readonly client: ClientConfig;
  readonly method: ClientAuthMethod;
}
