import { realmDefaultScopeItem } from '../../store/client-scopes.js';
import { realmDefaultScopeKey } from '../../store/keys.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';

type Kind = 'admin.default-default-client-scopes' | 'admin.default-optional-client-scopes';

/**
 * The realm's default and optional client scopes, the ones new clients get (RealmAdminResource):
 * listed as id, name and protocol (view-clients); assigned and removed one by one (manage-clients).
 * Admin events are CLIENT_SCOPE at `default-default-client-scopes/<id>` (or the optional path).
 */
export const realmDefaultScopeOperations: readonly AdminOperation[] = (
  ['admin.default-default-client-scopes', 'admin.default-optional-client-scopes'] as const
).flatMap((kind): AdminOperation[] => {
  const isDefault = kind === 'admin.default-default-client-scopes';
  const base = mountOf(kind);
  const item = `${mountOf(`${kind}.rest`)}/{scopeId}`;
  return [
    {
      method: 'GET',
      path: base,
      async run(request) {
        await request.require('view-clients');
        const realm = await request.realm();
        const byId = new Map(realm.clientScopes.map((scope) => [scope.rep.id, scope.rep]));
        const listed = realm.defaultScopes.filter((entry) => entry.isDefault === isDefault).map((entry) => byId.get(entry.scopeId));
        return ok(listed.filter((scope) => scope !== undefined).map((scope) => ({ id: scope!.id, name: scope!.name, protocol: scope!.protocol })));
      },
    },
    { method: 'PUT', path: item, run: (request) => change(request, kind, 'PUT', isDefault) },
    { method: 'DELETE', path: item, run: (request) => change(request, kind, 'DELETE', isDefault) },
  ];
});

/**
 * PUT makes the scope a realm default (or optional) scope, replacing whichever kind it was; DELETE
 * removes it whichever kind it is (RealmModel.removeDefaultClientScope). Unknown scope: 404 "Client
 * scope not found". Clients that exist keep their scopes: this only shapes new clients.
 */
async function change(request: AdminRequest, kind: Kind, method: 'PUT' | 'DELETE', isDefault: boolean) {
  await request.require('manage-clients');
  const realm = await request.realm();
  const scopeId = request.params['scopeId'] ?? '';
  if (!realm.clientScopes.some((scope) => scope.rep.id === scopeId)) throw new AdminNotFound('Client scope not found');
  const realmId = realm.realm.id;
  const writes =
    method === 'PUT'
      ? [{ kind: 'put' as const, item: realmDefaultScopeItem(realmId, scopeId, isDefault) }]
      : [{ kind: 'delete' as const, key: realmDefaultScopeKey(realmId, scopeId) }];
  const eventPath = `${kind.slice('admin.'.length)}/${scopeId}`;
  await request.commit(writes, { operationType: method === 'PUT' ? 'CREATE' : 'DELETE', resourceType: 'CLIENT_SCOPE', resourcePath: eventPath }, { config: true, realm });
  return noContent();
}
