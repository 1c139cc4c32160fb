import { json, type HttpResult } from '../http/response.js';
import type { AdminRequest } from './admin-request.js';

/** Admin answers are never cached. */
const noStore = { 'cache-control': 'no-cache' };

export function ok(body: unknown): HttpResult {
  return json(200, body, noStore);
}

export function noContent(): HttpResult {
  return { statusCode: 204, headers: { ...noStore } };
}

/**
 * 201 Created with Keycloak's Location: the request URL plus the new resource's id (for realms and
 * roles, its name), so a client reads the id from the last segment.
 */
export function created(request: AdminRequest, idOrName: string): HttpResult {
  const path = request.event.rawPath.replace(/\/+$/, '');
  return { statusCode: 201, headers: { ...noStore, location: `${request.baseUrl}${path}/${encodeURIComponent(idOrName)}` } };
}
