import { IAM_PREFIX, routePath } from '../../routes.js';
import type { AdminRequest } from '../admin-request.js';

/**
 * Keycloak's admin event resourcePath for the request (AdminEventBuilder.resourcePath(uriInfo)): the
 * request path relative to the realm's admin URL, e.g. `users/<id>/role-mappings/realm`, decoded.
 */
export function requestResourcePath(request: AdminRequest): string {
  const raw = request.event.rawPath.startsWith(`${IAM_PREFIX}/`) ? request.event.rawPath.slice(IAM_PREFIX.length) : request.event.rawPath;
  const base = `${routePath('admin.realm', { realm: request.params['realm'] ?? '' })}/`;
  const relative = raw.startsWith(base) ? raw.slice(base.length) : raw;
  return relative
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}
