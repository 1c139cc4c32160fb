import { httpHandler, type HttpEvent } from '../http/handler.js';
import { compileTemplate, decodedSegments, matchTemplate, type CompiledTemplate } from '../http/path-template.js';
import type { HttpResult } from '../http/response.js';
import { IAM_PREFIX, routeForKey, routeNamed, type AdminRouteName } from '../routes.js';
import { defaultStore } from '../store/default-store.js';
import type { Store } from '../store/store.js';
import { adminRequest, type AdminRequest } from './admin-request.js';
import type { AdminPrincipal } from './auth/admin-principal.js';
import { bearerPrincipal } from './auth/bearer-principal.js';
import { iamPrincipal } from './auth/iam-principal.js';
import { AdminMethodNotAllowed, AdminNoSuchPath } from './errors.js';

export type AdminMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One operation of an admin resource: Keycloak's method and path (API Gateway template syntax). */
export interface AdminOperation {
  readonly method: AdminMethod;
  readonly path: string;
  readonly run: (request: AdminRequest) => Promise<HttpResult>;
}

/**
 * The path a route-table row mounts, without its greedy tail: operations are written relative to it
 * (`${mountOf('admin.users')}/{id}`), so each path string is still written once (DESIGN.md §4).
 */
export function mountOf(name: AdminRouteName): string {
  return routeNamed(name).path.replace(/\/\{proxy\+\}$/, '');
}

export interface AdminHandlerOptions {
  /** For tests: the store and the principal resolution. */
  readonly store?: () => Store;
  readonly authenticate?: (event: HttpEvent, store: Store) => Promise<AdminPrincipal>;
}

/**
 * The Lambda handler of one admin resource (DESIGN.md §4, §9): authenticates the caller first, as
 * Keycloak's AdminRoot does (bearer token, or on `iam` rows the IAM principal API Gateway verified),
 * then routes by method and path inside the resource: the most specific template wins (literal
 * segments over parameters), an unknown path is 404, a known path with another method 405.
 */
export function adminHandler(operations: readonly AdminOperation[], options: AdminHandlerOptions = {}) {
  const compiled = operations
    .map((operation) => ({ operation, template: compileTemplate(operation.path) }))
    .sort((a, b) => specificity(b.template) - specificity(a.template));
  return httpHandler(async (event) => {
    const store = (options.store ?? defaultStore)();
    const row = routeForKey(event.routeKey);
    const iam = row?.auth === 'iam';
    const principal = options.authenticate
      ? await options.authenticate(event, store)
      : iam
        ? iamPrincipal(event)
        : await bearerPrincipal(event, store);
    const rawPath = iam && event.rawPath.startsWith(IAM_PREFIX) ? event.rawPath.slice(IAM_PREFIX.length) : event.rawPath;
    const segments = decodedSegments(rawPath.replace(/\/+$/, '') || '/');
    if (!segments) throw new AdminNoSuchPath();
    const method = event.requestContext.http.method.toUpperCase();
    const allowed: string[] = [];
    for (const { operation, template } of compiled) {
      const params = matchTemplate(template, segments);
      if (!params) continue;
      if (operation.method !== method) {
        allowed.push(operation.method);
        continue;
      }
      return operation.run(adminRequest(event, params, store, principal));
    }
    if (allowed.length > 0) throw new AdminMethodNotAllowed([...new Set(allowed)]);
    throw new AdminNoSuchPath();
  });
}

function specificity(template: CompiledTemplate): number {
  return template.literals * 2 + (template.greedy ? 0 : 1);
}
