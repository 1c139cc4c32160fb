/**
 * THE route table (DESIGN.md §4). Every HTTP route Gatehouse serves is one row here:
 * - lib/ makes one Lambda function per distinct `fn` and one API Gateway route per row;
 * - bin/serve.ts matches requests against it and calls the same handler modules;
 * - tests loop over it (every row has a handler, every handler is routed, the template has them all).
 * A path string is written here once and nowhere else: code that needs a URL calls `routePath`.
 */

/** `ANY` rows hand every method to one handler module, which routes inside (admin resources, §4). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'ANY';

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

const protocolRoutes = [
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


/**
 * The Admin REST API (Keycloak's `/admin` paths). One function per admin resource (DESIGN.md §4): each
 * row hands a resource's whole subtree to its module, which routes inside (shared/admin/router.ts).
 * API Gateway prefers the most specific row, so `admin.rest` catches what no resource claims.
 */
const adminRoutes = [
  { name: 'admin.serverinfo', method: 'GET', path: '/admin/serverinfo', fn: 'admin/server', auth: 'bearer' },
  { name: 'admin.whoami', method: 'GET', path: '/admin/{realm}/console/whoami', fn: 'admin/server', auth: 'bearer' },
  { name: 'admin.realms', method: 'ANY', path: '/admin/realms', fn: 'admin/realms', auth: 'bearer' },
  { name: 'admin.realm', method: 'ANY', path: '/admin/realms/{realm}', fn: 'admin/realms', auth: 'bearer' },
  // Also catches `/admin/realms/` (Keycloak's admin client adds the slash; API Gateway matches paths exactly).
  { name: 'admin.rest', method: 'ANY', path: '/admin/{proxy+}', fn: 'admin/realms', auth: 'bearer' },
  { name: 'admin.users', method: 'ANY', path: '/admin/realms/{realm}/users', fn: 'admin/users', auth: 'bearer' },
  { name: 'admin.users.rest', method: 'ANY', path: '/admin/realms/{realm}/users/{proxy+}', fn: 'admin/users', auth: 'bearer' },
  { name: 'admin.groups', method: 'ANY', path: '/admin/realms/{realm}/groups', fn: 'admin/groups', auth: 'bearer' },
  { name: 'admin.groups.rest', method: 'ANY', path: '/admin/realms/{realm}/groups/{proxy+}', fn: 'admin/groups', auth: 'bearer' },
  { name: 'admin.group-by-path', method: 'ANY', path: '/admin/realms/{realm}/group-by-path/{proxy+}', fn: 'admin/groups', auth: 'bearer' },
  { name: 'admin.default-groups', method: 'ANY', path: '/admin/realms/{realm}/default-groups', fn: 'admin/groups', auth: 'bearer' },
  { name: 'admin.default-groups.rest', method: 'ANY', path: '/admin/realms/{realm}/default-groups/{proxy+}', fn: 'admin/groups', auth: 'bearer' },
  { name: 'admin.roles', method: 'ANY', path: '/admin/realms/{realm}/roles', fn: 'admin/roles', auth: 'bearer' },
  { name: 'admin.roles.rest', method: 'ANY', path: '/admin/realms/{realm}/roles/{proxy+}', fn: 'admin/roles', auth: 'bearer' },
  { name: 'admin.roles-by-id', method: 'ANY', path: '/admin/realms/{realm}/roles-by-id/{proxy+}', fn: 'admin/roles', auth: 'bearer' },
  { name: 'admin.clients', method: 'ANY', path: '/admin/realms/{realm}/clients', fn: 'admin/clients', auth: 'bearer' },
  { name: 'admin.clients.rest', method: 'ANY', path: '/admin/realms/{realm}/clients/{proxy+}', fn: 'admin/clients', auth: 'bearer' },
  { name: 'admin.client-scopes', method: 'ANY', path: '/admin/realms/{realm}/client-scopes', fn: 'admin/client-scopes', auth: 'bearer' },
  { name: 'admin.client-scopes.rest', method: 'ANY', path: '/admin/realms/{realm}/client-scopes/{proxy+}', fn: 'admin/client-scopes', auth: 'bearer' },
  { name: 'admin.default-default-client-scopes', method: 'ANY', path: '/admin/realms/{realm}/default-default-client-scopes', fn: 'admin/client-scopes', auth: 'bearer' },
  { name: 'admin.default-default-client-scopes.rest', method: 'ANY', path: '/admin/realms/{realm}/default-default-client-scopes/{proxy+}', fn: 'admin/client-scopes', auth: 'bearer' },
  { name: 'admin.default-optional-client-scopes', method: 'ANY', path: '/admin/realms/{realm}/default-optional-client-scopes', fn: 'admin/client-scopes', auth: 'bearer' },
  { name: 'admin.default-optional-client-scopes.rest', method: 'ANY', path: '/admin/realms/{realm}/default-optional-client-scopes/{proxy+}', fn: 'admin/client-scopes', auth: 'bearer' },
  { name: 'admin.events', method: 'ANY', path: '/admin/realms/{realm}/events', fn: 'admin/events', auth: 'bearer' },
  { name: 'admin.events.rest', method: 'ANY', path: '/admin/realms/{realm}/events/{proxy+}', fn: 'admin/events', auth: 'bearer' },
  { name: 'admin.admin-events', method: 'ANY', path: '/admin/realms/{realm}/admin-events', fn: 'admin/events', auth: 'bearer' },
  // Gatehouse extension (issue 5): the realm's event listener settings (webhook, email, log).
  { name: 'admin.event-listeners', method: 'ANY', path: '/admin/realms/{realm}/event-listeners', fn: 'admin/events', auth: 'bearer' },
  { name: 'admin.event-listeners.rest', method: 'ANY', path: '/admin/realms/{realm}/event-listeners/{proxy+}', fn: 'admin/events', auth: 'bearer' },
  { name: 'admin.attack-detection', method: 'ANY', path: '/admin/realms/{realm}/attack-detection/{proxy+}', fn: 'admin/attack-detection', auth: 'bearer' },
] as const satisfies readonly Route[];

/**
 * The same admin paths behind an IAM-authorized prefix (DESIGN.md §9): API Gateway checks the SigV4
 * signature (locally, the gateway does), and the handler maps the IAM principal to admin rights.
 */
export const IAM_PREFIX = '/iam';

type IamTwin<R extends (typeof adminRoutes)[number]> = Omit<R, 'name' | 'path' | 'auth'> & {
  readonly name: `iam.${R['name']}`;
  readonly path: `/iam${R['path']}`;
  readonly auth: 'iam';
};

const iamRoutes = adminRoutes.map((route) => ({
  ...route,
  name: `iam.${route.name}`,
  path: `${IAM_PREFIX}${route.path}`,
  auth: 'iam',
})) as unknown as readonly IamTwin<(typeof adminRoutes)[number]>[];

export const routes: readonly (
  | (typeof protocolRoutes)[number]
  | (typeof adminRoutes)[number]
  | IamTwin<(typeof adminRoutes)[number]>
)[] = [...protocolRoutes, ...adminRoutes, ...iamRoutes];

export type RouteName = (typeof routes)[number]['name'];
export type AdminRouteName = (typeof adminRoutes)[number]['name'];

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
