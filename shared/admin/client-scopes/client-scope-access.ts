import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientScopeRecord } from '../../store/client-scopes.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminForbidden, AdminNotFound } from '../errors.js';

/** ClientPermissions.canListClientScopes: view-clients (or manage-clients) or query-clients. */
export async function requireListClientScopes(request: AdminRequest): Promise<void> {
  if (!(await request.has('query-clients'))) throw new AdminForbidden();
}

/**
 * The client scope the path names (ClientScopesResource.getClientScope): the caller must be able to
 * list client scopes, and an unknown id is 404 "Could not find client scope".
 */
export async function clientScopeAt(request: AdminRequest): Promise<{ realm: RealmConfig; scope: ClientScopeRecord }> {
  await requireListClientScopes(request);
  const realm = await request.realm();
  const scope = realm.clientScopes.find((candidate) => candidate.rep.id === request.params['id']);
  if (!scope) throw new AdminNotFound('Could not find client scope');
  return { realm, scope };
}

/** The admin event path of a client scope. */
export const clientScopeEventPath = (scopeId: string, ...rest: string[]): string => ['client-scopes', scopeId, ...rest].join('/');
