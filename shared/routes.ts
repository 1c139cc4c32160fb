/**
 * THE route table (DESIGN.md §4). Every HTTP route Gatehouse serves is one row here:
 * - lib/ makes one Lambda function per distinct `fn` and one API Gateway route per row;
 * - bin/serve.ts matches requests against it and calls the same handler modules;
 * - tests loop over it (every row has a handler, every handler is routed, the template has them all).
 * A path string is written here once and nowhere else: code that needs a URL calls `routePath`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

/**
 * - `public`: anyone may call; the handler applies the protocol's own client authentication.
 * - `bearer`: a Keycloak-style bearer token; realm-management roles are checked in the handler.
 * - `iam`: SigV4-signed (API Gateway AWS_IAM; locally the gateway verifies the signature).
 */
export type RouteAuth = 'public' | 'bearer' | 'iam';

export interface Route {
  /** Stable identifier used by code to find a route (never a path). */
  readonly name: string;
  readonly method: HttpMethod;
  /** API Gateway syntax: `{param}` for one segment, `{param+}` (last segment only) for the rest. */
  readonly path: string;
  /** Handler module under functions/, without extension; the module exports `handler`. */
  readonly fn: string;
  readonly auth: RouteAuth;
}

export const routes = [
  { name: 'health', method: 'GET', path: '/health', fn: 'system/health', auth: 'public' },
  { name: 'health.live', method: 'GET', path: '/health/live', fn: 'system/health', auth: 'public' },
  { name: 'health.ready', method: 'GET', path: '/health/ready', fn: 'system/health', auth: 'public' },
  { name: 'health.started', method: 'GET', path: '/health/started', fn: 'system/health', auth: 'public' },
  {
    name: 'oidc.discovery',
    method: 'GET',
    path: '/realms/{realm}/.well-known/openid-configuration',
    fn: 'oidc/discovery',
    auth: 'public',
  },
  {
    name: 'oidc.token',
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/token',
    fn: 'oidc/token',
    auth: 'public',
  },
  {
    name: 'oidc.userinfo',
    method: 'GET',
    path: '/realms/{realm}/protocol/openid-connect/userinfo',
    fn: 'oidc/userinfo',
    auth: 'public',
  },
  {
    name: 'oidc.userinfo.post',
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/userinfo',
    fn: 'oidc/userinfo',
    auth: 'public',
  },
  {
    name: 'oidc.introspect',
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/token/introspect',
    fn: 'oidc/introspect',
    auth: 'public',
  },
  {
    name: 'oidc.revoke',
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/revoke',
    fn: 'oidc/revoke',
    auth: 'public',
  },
  {
    name: 'oidc.logout',
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/logout',
    fn: 'oidc/logout',
    auth: 'public',
  },
  {
    name: 'oidc.certs',
    method: 'GET',
    path: '/realms/{realm}/protocol/openid-connect/certs',
    fn: 'oidc/certs',
    auth: 'public',
  },
] as const satisfies readonly Route[];

export type RouteName = (typeof routes)[number]['name'];

const byName = new Map<string, Route>(routes.map((route) => [route.name, route]));
const byRouteKey = new Map<string, Route>(routes.map((route) => [routeKey(route), route]));

/** API Gateway's route key for a row: `"GET /realms/{realm}/..."`. */
export function routeKey(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export function routeNamed(name: RouteName): Route {
  const route = byName.get(name);
  if (!route) throw new Error(`No route named ${name}`);
  return route;
}

/** The row an API Gateway event was routed by (`event.routeKey`), if any. */
export function routeForKey(key: string): Route | undefined {
  return byRouteKey.get(key);
}

/** The concrete path of a named route, each parameter percent-encoded as one path segment. */
export function routePath(name: RouteName, params: Readonly<Record<string, string>> = {}): string {
  return routeNamed(name).path.replace(/\{([^}+]+)(\+?)\}/g, (_whole, param: string, greedy: string) => {
    const value = params[param];
    if (value === undefined) throw new Error(`Route ${name} needs parameter ${param}`);
    return greedy ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
}

/** Distinct handler modules, in table order. */
export function handlerModules(): string[] {
  return [...new Set(routes.map((route) => route.fn))];
}
