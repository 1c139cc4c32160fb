import { randomUUID } from 'node:crypto';
import { AdminError } from '../../http/errors.js';
import type { ClientScopeRepresentation } from '../../model/client-scope.js';
import { OIDC_PROTOCOL } from '../../realm/create-client.js';
import { clientScopeUpdateWrites, clientScopeWrites, ClientScopesRepository, duplicateClientScopeMessage } from '../../store/client-scopes.js';
import { clientScopeNameKey, realmDefaultScopeKey, type ItemKey } from '../../store/keys.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminBadRequest, AdminConflict } from '../errors.js';
import { stringEntries, withoutNulls } from '../protocol-mappers/mapper-representation.js';
import { normalizedMappers, sameMapperName } from '../protocol-mappers/mapper-validation.js';
import { created, noContent, ok } from '../responses.js';
import { clientScopeAt, clientScopeEventPath, requireListClientScopes } from './client-scope-access.js';
import { clientScopeRepresentation } from './client-scope-representation.js';
import { clientScopeSchema } from './client-scope-schema.js';

const scopes = mountOf('admin.client-scopes');
const scope = `${mountOf('admin.client-scopes.rest')}/{id}`;

/** ClientScopeResource.scopeNamePattern: printable ASCII without space, double quote or backslash. */
const SCOPE_NAME = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/** The login protocols a Keycloak 26 server has by default (LoginProtocolFactory ids). */
const PROTOCOLS = new Set([OIDC_PROTOCOL, 'saml']);

function validateName(name: string | undefined): void {
  if (name === undefined || !SCOPE_NAME.test(name)) throw new AdminBadRequest(`Unexpected name "${name ?? 'null'}" for ClientScope`);
}

/** The realm's client scopes (ClientScopesResource, ClientScopeResource). */
export const clientScopeOperations: readonly AdminOperation[] = [
  {
    // Listing needs view-clients or query-clients; only view-clients shows any scope.
    method: 'GET',
    path: scopes,
    async run(request) {
      await requireListClientScopes(request);
      if (!(await request.has('view-clients'))) return ok([]);
      const realm = await request.realm();
      return ok(realm.clientScopes.map((record) => clientScopeRepresentation(record.rep)));
    },
  },
  {
    // POST: a new scope (manage-clients); the name must be a valid scope token, the protocol one the
    // server has; a taken name is 409 "Client Scope <name> already exists".
    method: 'POST',
    path: scopes,
    async run(request) {
      await request.require('manage-clients');
      const body = withoutNulls(request.body(clientScopeSchema));
      validateName(body.name);
      if (body.protocol === undefined || !PROTOCOLS.has(body.protocol)) throw new AdminBadRequest('Unexpected protocol');
      const rep: ClientScopeRepresentation & { id: string } = {
        id: body.id ?? randomUUID(),
        name: body.name!,
        ...(body.description !== undefined ? { description: body.description } : {}),
        protocol: body.protocol,
        attributes: stringEntries(body.attributes),
      };
      if (body.protocolMappers) {
        const mappers = normalizedMappers(body.protocolMappers, rep.protocol, { validateProviders: false });
        if (mappers.some((mapper, i) => mappers.findIndex((other) => sameMapperName(other, mapper)) !== i)) throw new AdminConflict(duplicateClientScopeMessage(rep.name));
        rep.protocolMappers = mappers;
      }
      await request.commit(
        clientScopeWrites((await request.realm()).realm.id, rep),
        { operationType: 'CREATE', resourceType: 'CLIENT_SCOPE', resourcePath: clientScopeEventPath(rep.id), representation: { ...body, id: rep.id } },
        { config: true },
      );
      return created(request, rep.id);
    },
  },
  {
    method: 'GET',
    path: scope,
    async run(request) {
      const { scope: found } = await clientScopeAt(request);
      await request.require('view-clients');
      return ok(clientScopeRepresentation(found.rep));
    },
  },
  {
    // PUT (RepresentationToModel.updateClientScope): name, description, protocol when given, attributes
    // merged key by key; protocol mappers have their own endpoints and are left alone.
    method: 'PUT',
    path: scope,
    async run(request) {
      const { realm, scope: found } = await clientScopeAt(request);
      await request.require('manage-clients');
      const body = withoutNulls(request.body(clientScopeSchema));
      const name = body.name ?? found.rep.name;
      validateName(name);
      const rep: ClientScopeRepresentation & { id: string } = {
        ...found.rep,
        name,
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.protocol !== undefined ? { protocol: body.protocol } : {}),
        attributes: { ...(found.rep.attributes ?? {}), ...stringEntries(body.attributes) },
      };
      await request.commit(
        clientScopeUpdateWrites(found, rep),
        { operationType: 'UPDATE', resourceType: 'CLIENT_SCOPE', resourcePath: clientScopeEventPath(found.rep.id), representation: body },
        { config: true, realm },
      );
      return noContent();
    },
  },
  {
    // DELETE (JpaRealmProvider.removeClientScope): the scope leaves the realm's defaults, every client
    // it is assigned to and its scope mappings with it. The realm's last scope stays (403).
    method: 'DELETE',
    path: scope,
    async run(request) {
      const { realm, scope: found } = await clientScopeAt(request);
      await request.require('manage-clients');
      if (realm.clientScopes.length <= 1) throw new AdminError(403, 'You are not allowed to delete all the client scopes.');
      const realmId = realm.realm.id;
      const repository = new ClientScopesRepository(request.store);
      const dependents: ItemKey[] = [
        ...(await repository.assignmentKeys(realmId, found.rep.id)),
        ...(await repository.roleMappingKeys(realmId, found.rep.id)),
        realmDefaultScopeKey(realmId, found.rep.id),
      ];
      // Dependents first, in batches; the scope itself and its name go with the event (retry-safe).
      await request.store.deleteMany(dependents);
      await request.commit(
        [
          { kind: 'delete', key: { pk: found.pk, sk: found.sk } },
          { kind: 'delete', key: clientScopeNameKey(realmId, found.rep.name) },
        ],
        { operationType: 'DELETE', resourceType: 'CLIENT_SCOPE', resourcePath: clientScopeEventPath(found.rep.id) },
        { config: true, realm },
      );
      return noContent();
    },
  },
];
