import type { ClientRepresentation } from '../../model/client.js';
import { planClientCreation } from '../../realm/create-client.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { ClientsRepository, duplicateClientMessage, type ClientRecord } from '../../store/clients.js';
import { ConflictError } from '../../store/errors.js';
import { clientListingPartition } from '../../store/keys.js';
import { offsetPage } from '../../store/offset-page.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminConflict, AdminForbidden } from '../errors.js';
import { stringEntries, withoutNulls } from '../protocol-mappers/mapper-representation.js';
import { normalizedMappers } from '../protocol-mappers/mapper-validation.js';
import { canListClients, clientAccess, clientEventPath } from './client-access.js';
import { clientRepresentation, inKeycloakOrder, stripClientSecrets } from './client-representation.js';
import { clientSchema, type ClientInput } from './client-schema.js';
import { validateClientUrls } from './client-validation.js';
import { searchQueryFields } from './search-query.js';
import { created, ok } from '../responses.js';

const clients = mountOf('admin.clients');

/** The realm's clients (ClientsResource): list and search, create. */
export const clientCollectionOperations: readonly AdminOperation[] = [
  {
    // GET /clients: all clients by clientId, or one (clientId), an infix search (search=true), or an
    // attribute search (q=key:value ...), paged by first/max. Without view-clients the list is empty
    // (ClientsResource keeps only clients the caller can view).
    method: 'GET',
    path: clients,
    async run(request) {
      if (!(await canListClients(request))) throw new AdminForbidden();
      if (!(await request.has('view-clients'))) return ok([]);
      const realm = await request.realm();
      const records = await matchingClients(request, realm);
      const repository = new ClientsRepository(request.store);
      const access = await clientAccess(request);
      const listed: unknown[] = [];
      // Each client's partition holds its scope assignments; read a few at a time.
      for (let start = 0; start < records.length; start += 25) {
        const loaded = await Promise.all(records.slice(start, start + 25).map((record) => repository.load(realm.realm.id, record.rep.id)));
        for (const client of loaded) if (client) listed.push(clientRepresentation(realm, client, access, { canViewScopes: true }));
      }
      return ok(listed);
    },
  },
  {
    // POST /clients: ClientsResource.createClient (manage-clients), 201 with the new id; a taken
    // clientId is 409 "Client <clientId> already exists".
    method: 'POST',
    path: clients,
    async run(request) {
      await request.require('manage-clients');
      const given = clientInput(request.body(clientSchema));
      const realm = await request.realm();
      const plan = planClientCreation(realm, given);
      validateClientUrls(plan.rep);
      const representation = stripClientSecrets(inKeycloakOrder({ ...given, id: plan.rep.id }));
      try {
        await request.commit(plan.writes, { operationType: 'CREATE', resourceType: 'CLIENT', resourcePath: clientEventPath(plan.rep.id), representation }, { config: true });
      } catch (error) {
        // A clashing id, clientId or service-account username: Keycloak's ModelDuplicateException.
        if (error instanceof ConflictError) throw new AdminConflict(duplicateClientMessage(plan.rep.clientId));
        throw error;
      }
      return created(request, plan.rep.id);
    },
  },
];

/** The body as Keycloak reads it: nulls left unset, a missing clientId taken from the id (JpaRealmProvider.addClient). */
function clientInput(body: ClientInput): ClientRepresentation {
  const { attributes, authenticationFlowBindingOverrides, protocolMappers, ...rest } = withoutNulls(body);
  const given: ClientRepresentation = { ...rest, clientId: rest.clientId ?? rest.id ?? '' };
  if (attributes) given.attributes = stringEntries(attributes);
  if (authenticationFlowBindingOverrides) given.authenticationFlowBindingOverrides = stringEntries(authenticationFlowBindingOverrides);
  if (protocolMappers) {
    const mappers = normalizedMappers(protocolMappers, given.protocol, { validateProviders: false });
    // ClientModel.addProtocolMapper refuses a second mapper of the same name and protocol.
    if (new Set(mappers.map((m) => `${m.protocol}%${m.name}`)).size !== mappers.length) throw new AdminConflict(duplicateClientMessage(given.clientId));
    given.protocolMappers = mappers;
  }
  if (!given.clientId) {
    given.clientId = crypto.randomUUID();
    given.id ??= given.clientId;
  }
  return given;
}

/** The client records the listing's parameters select, in clientId order. */
async function matchingClients(request: AdminRequest, realm: RealmConfig): Promise<ClientRecord[]> {
  const realmId = realm.realm.id;
  const page = request.query.page(undefined);
  const clientId = request.query.string('clientId');
  const q = request.query.string('q');
  const listing = { partition: clientListingPartition(realmId), index: 'gsi1' as const };
  if (q !== undefined) {
    const wanted = Object.entries(searchQueryFields(q));
    return offsetPage<ClientRecord>(request.store, listing, page, (record) => wanted.every(([key, value]) => record.rep.attributes?.[key] === value));
  }
  if (clientId === undefined || clientId.trim() === '') return offsetPage<ClientRecord>(request.store, listing, page);
  if (request.query.boolean('search') === true) {
    const needle = clientId.toLowerCase();
    return offsetPage<ClientRecord>(request.store, listing, page, (record) => record.rep.clientId.toLowerCase().includes(needle));
  }
  // An exact clientId is one client at most, looked up through its sentinel.
  const found = await new ClientsRepository(request.store).loadByClientId(realmId, clientId);
  return found ? [found.client] : [];
}
