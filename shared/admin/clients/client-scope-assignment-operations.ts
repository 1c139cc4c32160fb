import { OIDC_PROTOCOL } from '../../realm/create-client.js';
import { clientScopeAssignmentItem } from '../../store/clients.js';
import { clientScopeAssignmentKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import { mountOf, type AdminMethod, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';
import { clientAt, clientEventPath } from './client-access.js';

const client = `${mountOf('admin.clients.rest')}/{id}`;

type Kind = 'default-client-scopes' | 'optional-client-scopes';

/**
 * A client's default and optional client scopes (ClientResource): listed as id and name, assigned and
 * removed one by one. Admin events are CLIENT_SCOPE_CLIENT_MAPPING without a representation.
 */
export const clientScopeAssignmentOperations: readonly AdminOperation[] = (['default-client-scopes', 'optional-client-scopes'] as const).flatMap(
  (kind): AdminOperation[] => [
    { method: 'GET', path: `${client}/${kind}`, run: (request) => listAssigned(request, kind) },
    { method: 'PUT', path: `${client}/${kind}/{scopeId}`, run: (request) => changeAssignment(request, kind, 'PUT') },
    { method: 'DELETE', path: `${client}/${kind}/{scopeId}`, run: (request) => changeAssignment(request, kind, 'DELETE') },
  ],
);

/** ClientModel.getClientScopes: only scopes of the client's own protocol. */
async function listAssigned(request: AdminRequest, kind: Kind) {
  const { realm, client: found } = await clientAt(request);
  await request.require('view-clients');
  const protocol = found.client.rep.protocol ?? OIDC_PROTOCOL;
  const byId = new Map(realm.clientScopes.map((scope) => [scope.rep.id, scope.rep]));
  const ids = kind === 'default-client-scopes' ? found.defaultScopeIds : found.optionalScopeIds;
  const scopes = ids.map((id) => byId.get(id)).filter((scope) => scope !== undefined && (scope.protocol ?? OIDC_PROTOCOL) === protocol);
  return ok(scopes.map((scope) => ({ id: scope!.id, name: scope!.name })));
}

/**
 * PUT assigns (ClientAdapter.addClientScopes: a scope already assigned either way, or of another
 * protocol, is left as it is); DELETE removes the scope whichever way it is assigned
 * (ClientModel.removeClientScope). An unknown scope is 404 "Client scope not found".
 */
async function changeAssignment(request: AdminRequest, kind: Kind, method: Extract<AdminMethod, 'PUT' | 'DELETE'>) {
  const { realm, client: found } = await clientAt(request);
  await request.require('manage-clients');
  const scopeId = request.params['scopeId'] ?? '';
  const scope = realm.clientScopes.find((candidate) => candidate.rep.id === scopeId);
  if (!scope) throw new AdminNotFound('Client scope not found');
  const realmId = realm.realm.id;
  const clientUuid = found.client.rep.id;
  const assigned = found.defaultScopeIds.includes(scopeId) || found.optionalScopeIds.includes(scopeId);
  const writes: TransactWrite[] = [];
  if (method === 'PUT') {
    const sameProtocol = (scope.rep.protocol ?? OIDC_PROTOCOL) === (found.client.rep.protocol ?? OIDC_PROTOCOL);
    if (!assigned && sameProtocol) writes.push({ kind: 'put', item: clientScopeAssignmentItem(realmId, clientUuid, scopeId, kind === 'default-client-scopes') });
  } else if (assigned) {
    writes.push({ kind: 'delete', key: clientScopeAssignmentKey(realmId, clientUuid, scopeId) });
  }
  await request.commit(
    writes,
    { operationType: method === 'PUT' ? 'CREATE' : 'DELETE', resourceType: 'CLIENT_SCOPE_CLIENT_MAPPING', resourcePath: clientEventPath(clientUuid, kind, scopeId) },
    { config: true, realm },
  );
  return noContent();
}
