import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientScopeRecord } from '../../store/client-scopes.js';
import type { ClientConfig } from '../../store/clients.js';
import { InvalidScope } from '../errors/codes.js';

export interface AppliedScopes {
  /** Client scopes whose mappers and role scope mappings shape the tokens. */
  readonly scopes: readonly ClientScopeRecord[];
  /** The `scope` claim and response parameter. */
  readonly scopeString: string;
  readonly openid: boolean;
}

/**
 * Which client scopes a token gets (Keycloak's TokenManager.getRequestedClientScopes and
 * isValidScope): all the client's default scopes; optional scopes only when the `scope` parameter
 * names them; `openid` is the OpenID Connect marker, not a client scope. Naming a scope the client
 * does not have is invalid_scope (RFC 6749 §5.2). The scope string lists `openid` (when asked for)
 * and the applied scopes that are "included in token scope".
 */
export function appliedScopes(realm: RealmConfig, client: ClientConfig, scopeParameter: string | undefined): AppliedScopes {
  const { defaults, optional } = clientScopesOf(realm, client);

  const requested = (scopeParameter ?? '').split(' ').filter(Boolean);
  const unknown = requested.filter((name) => name !== 'openid' && !optional.has(name) && !defaults.some((scope) => scope.rep.name === name));
  if (unknown.length > 0) throw new InvalidScope(`Invalid scopes: ${scopeParameter}`);

  const scopes = [...defaults];
  for (const name of requested) {
    const scope = optional.get(name);
    if (scope && !scopes.includes(scope)) scopes.push(scope);
  }
  const openid = requested.includes('openid');
  const names = scopes.filter((scope) => scope.rep.attributes?.['include.in.token.scope'] !== 'false').map((scope) => scope.rep.name);
  return { scopes, scopeString: [...(openid ? ['openid'] : []), ...names].join(' '), openid };
}

interface ClientScopes {
  readonly realm: RealmConfig;
  /** The client's default OIDC scopes, in its order. */
  readonly defaults: readonly ClientScopeRecord[];
  /** Its optional OIDC scopes, by name. */
  readonly optional: ReadonlyMap<string, ClientScopeRecord>;
}

/** Kept per client object and realm configuration (both replaced when the configVersion moves). */
const clientScopes = new WeakMap<ClientConfig, ClientScopes>();

function clientScopesOf(realm: RealmConfig, client: ClientConfig): ClientScopes {
  const kept = clientScopes.get(client);
  if (kept?.realm === realm) return kept;
  const byId = new Map(realm.clientScopes.map((scope) => [scope.rep.id, scope]));
  const isOidc = (scope: ClientScopeRecord | undefined): scope is ClientScopeRecord =>
    scope !== undefined && (scope.rep.protocol ?? 'openid-connect') === 'openid-connect';
  const defaults = client.defaultScopeIds.map((id) => byId.get(id)).filter(isOidc);
  const optional = new Map(client.optionalScopeIds.map((id) => byId.get(id)).filter(isOidc).map((scope) => [scope.rep.name, scope]));
  const scopes: ClientScopes = { realm, defaults, optional };
  clientScopes.set(client, scopes);
  return scopes;
}
