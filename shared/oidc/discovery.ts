import type { RealmConfig } from '../realm/realm-config.js';
import { routes, routePath, type RouteName } from '../routes.js';
import { supportedGrantTypes } from './grants/grant-types.js';

/** Client authentication methods (shared/oidc/client-auth), in Keycloak's order. */
const clientAuthMethods = ['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt'];

/** Algorithms Gatehouse's signers implement (shared/crypto): what it can sign ID tokens with. */
export const signingAlgorithmsSupported = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'HS256', 'HS384', 'HS512'];

interface DiscoveryContext {
  readonly baseUrl: string;
  readonly realm: RealmConfig;
  /** Whether a route with that name is in the route table. */
  readonly has: (route: string) => boolean;
  readonly url: (route: string) => string;
}

interface Field {
  readonly name: string;
  /** Present only when these routes exist: the document never advertises an endpoint we lack. */
  readonly requires?: readonly string[];
  readonly value: (ctx: DiscoveryContext) => unknown;
}

const endpoint = (name: string, route: string): Field => ({ name, requires: [route], value: (ctx) => ctx.url(route) });

/**
 * OpenID Connect Discovery 1.0 §3 metadata, in the order Keycloak's OIDCWellKnownProvider emits it.
 * Endpoint URLs come from the route table; fields describing an endpoint's behaviour appear with
 * their endpoint. Issues that add endpoints add the routes, and the fields follow.
 */
const fields: readonly Field[] = [
  { name: 'issuer', value: (ctx) => issuerOf(ctx.baseUrl, ctx.realm.realm.name) },
  endpoint('authorization_endpoint', 'oidc.auth'),
  endpoint('token_endpoint', 'oidc.token'),
  endpoint('introspection_endpoint', 'oidc.introspect'),
  endpoint('userinfo_endpoint', 'oidc.userinfo'),
  // RP-initiated (browser) logout is what end_session_endpoint means (OIDC RP-Initiated Logout §2);
  // the POST refresh-token logout alone does not make one.
  endpoint('end_session_endpoint', 'oidc.logout.browser'),
  { name: 'frontchannel_logout_session_supported', requires: ['oidc.logout.browser'], value: () => true },
  { name: 'frontchannel_logout_supported', requires: ['oidc.logout.browser'], value: () => true },
  endpoint('jwks_uri', 'oidc.certs'),
  endpoint('check_session_iframe', 'oidc.login-status-iframe'),
  { name: 'grant_types_supported', requires: ['oidc.token'], value: () => [...supportedGrantTypes].sort() },
  {
    name: 'response_types_supported',
    requires: ['oidc.auth'],
    value: () => ['code', 'none', 'id_token', 'token', 'id_token token', 'code id_token', 'code token', 'code id_token token'],
  },
  { name: 'subject_types_supported', requires: ['oidc.token'], value: () => ['public', 'pairwise'] },
  {
    name: 'prompt_values_supported',
    requires: ['oidc.auth'],
    value: (ctx) => ['none', 'login', 'consent', ...(ctx.realm.realm.rep.registrationAllowed ? ['create'] : [])],
  },
  { name: 'id_token_signing_alg_values_supported', value: () => signingAlgorithmsSupported },

  {
    name: 'response_modes_supported',
    requires: ['oidc.auth'],
    value: () => ['query', 'fragment', 'form_post', 'query.jwt', 'fragment.jwt', 'form_post.jwt', 'jwt'],
  },
  {
    name: 'token_endpoint_auth_methods_supported',
    requires: ['oidc.token'],
    value: () => clientAuthMethods,
  },
  { name: 'token_endpoint_auth_signing_alg_values_supported', requires: ['oidc.token'], value: () => signingAlgorithmsSupported },
  { name: 'introspection_endpoint_auth_methods_supported', requires: ['oidc.introspect'], value: () => clientAuthMethods },
  { name: 'introspection_endpoint_auth_signing_alg_values_supported', requires: ['oidc.introspect'], value: () => signingAlgorithmsSupported },
  {
    name: 'claims_supported',
    requires: ['oidc.token'],
    value: () => ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'name', 'given_name', 'family_name', 'preferred_username', 'email', 'acr', 'azp', 'nonce'],
  },
  { name: 'claim_types_supported', requires: ['oidc.token'], value: () => ['normal'] },
  { name: 'code_challenge_methods_supported', requires: ['oidc.auth'], value: () => ['plain', 'S256'] },
  endpoint('revocation_endpoint', 'oidc.revoke'),
  { name: 'revocation_endpoint_auth_methods_supported', requires: ['oidc.revoke'], value: () => clientAuthMethods },
  { name: 'revocation_endpoint_auth_signing_alg_values_supported', requires: ['oidc.revoke'], value: () => signingAlgorithmsSupported },
  endpoint('device_authorization_endpoint', 'oidc.device-auth'),
  endpoint('backchannel_authentication_endpoint', 'oidc.ciba-auth'),
  endpoint('pushed_authorization_request_endpoint', 'oidc.par'),
  { name: 'authorization_response_iss_parameter_supported', requires: ['oidc.auth'], value: () => true },
];

/**
 * Keycloak's issuer, `{base}/realms/{realm}` (Urls.realmIssuer): by OpenID Connect Discovery §4.1 the
 * discovery document lives at the issuer plus this suffix, so the issuer is derived from that route.
 */
const wellKnownSuffix = '/.well-known/openid-configuration';

export function issuerOf(baseUrl: string, realmName: string): string {
  const discoveryPath = routePath('oidc.discovery', { realm: realmName });
  if (!discoveryPath.endsWith(wellKnownSuffix)) throw new Error('The discovery route must end with the well-known suffix');
  return `${baseUrl}${discoveryPath.slice(0, -wellKnownSuffix.length)}`;
}

export function discoveryDocument(baseUrl: string, realm: RealmConfig): Record<string, unknown> {
  const names = new Set<string>(routes.map((route) => route.name));
  const ctx: DiscoveryContext = {
    baseUrl,
    realm,
    has: (route) => names.has(route),
    url: (route) => `${baseUrl}${routePath(route as RouteName, { realm: realm.realm.name })}`,
  };
  const document: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.requires && !field.requires.every(ctx.has)) continue;
    document[field.name] = field.value(ctx);
  }
  return document;
}
