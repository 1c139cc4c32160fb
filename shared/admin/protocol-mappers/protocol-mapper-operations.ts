import * as v from 'valibot';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import type { AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminConflict, AdminNotFound } from '../errors.js';
import { created, noContent, ok } from '../responses.js';
import type { MapperContainer, MapperContainerResource } from './mapper-container.js';
import { mapperRepresentation, withoutNulls } from './mapper-representation.js';
import { protocolMapperSchema } from './mapper-schema.js';
import { duplicateMapperMessage, normalizedMapper, requireProvider, sameMapperName } from './mapper-validation.js';

/**
 * Keycloak's ProtocolMappersResource under a client or a client scope: list (all, or one protocol's),
 * read, create one or many, update, delete. Writes are realm configuration: the next token issued
 * already runs the changed mappers. Admin events are PROTOCOL_MAPPER with the request's body.
 */
export function protocolMapperOperations(resource: MapperContainerResource): AdminOperation[] {
  const base = `${resource.path}/protocol-mappers`;
  const models = `${base}/models`;
  return [
    {
      method: 'GET',
      path: `${base}/protocol/{protocol}`,
      async run(request) {
        const container = await resource.load(request);
        await resource.requireView(request);
        return ok(container.mappers.filter((mapper) => mapper.protocol === request.params['protocol']).map(mapperRepresentation));
      },
    },
    {
      method: 'GET',
      path: models,
      async run(request) {
        const container = await resource.load(request);
        await resource.requireView(request);
        return ok(container.mappers.map(mapperRepresentation));
      },
    },
    {
      method: 'GET',
      path: `${models}/{mapperId}`,
      async run(request) {
        const container = await resource.load(request);
        await resource.requireView(request);
        return ok(mapperRepresentation(mapperAt(request, container)));
      },
    },
    {
      method: 'POST',
      path: models,
      async run(request) {
        const container = await resource.load(request);
        await resource.requireManage(request);
        const body = request.body(protocolMapperSchema);
        const mapper = added(container, [normalizedMapper(body, container.protocol)])[0]!;
        await container.save([...container.mappers, mapper], event('CREATE', `${container.eventPath}/protocol-mappers/models/${mapper.id}`, withoutNulls(body)));
        return created(request, mapper.id!);
      },
    },
    {
      method: 'POST',
      path: `${base}/add-models`,
      async run(request) {
        const container = await resource.load(request);
        await resource.requireManage(request);
        const body = request.body(v.array(protocolMapperSchema));
        const mappers = added(container, body.map((input) => normalizedMapper(input, container.protocol)));
        await container.save([...container.mappers, ...mappers], event('CREATE', `${container.eventPath}/protocol-mappers/add-models`, body.map(withoutNulls)));
        return noContent();
      },
    },
    {
      // PUT: Keycloak's updateProtocolMapper changes the provider and the config; name and protocol stay.
      method: 'PUT',
      path: `${models}/{mapperId}`,
      async run(request) {
        const container = await resource.load(request);
        await resource.requireManage(request);
        const current = mapperAt(request, container);
        const body = request.body(protocolMapperSchema);
        const given = normalizedMapper({ ...body, name: body.name ?? current.name, protocol: body.protocol ?? current.protocol }, container.protocol);
        requireProvider(given);
        const updated = { ...current, protocolMapper: given.protocolMapper, config: given.config };
        const mappers = container.mappers.map((mapper) => (mapper.id === current.id ? updated : mapper));
        await container.save(mappers, event('UPDATE', `${container.eventPath}/protocol-mappers/models/${current.id}`, withoutNulls(body)));
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: `${models}/{mapperId}`,
      async run(request) {
        const container = await resource.load(request);
        await resource.requireManage(request);
        const current = mapperAt(request, container);
        const mappers = container.mappers.filter((mapper) => mapper.id !== current.id);
        await container.save(mappers, event('DELETE', `${container.eventPath}/protocol-mappers/models/${current.id}`));
        return noContent();
      },
    },
  ];
}

function mapperAt(request: AdminRequest, container: MapperContainer): ProtocolMapperRepresentation {
  const mapper = container.mappers.find((candidate) => candidate.id === request.params['mapperId']);
  if (!mapper) throw new AdminNotFound('Model not found');
  return mapper;
}

/**
 * New mappers checked as ProtocolMappersResource.validateModel and ClientModel.addProtocolMapper do:
 * the provider must be one Gatehouse implements, and neither the name (per protocol) nor the id may
 * already be taken in the container or the request (409 "Protocol mapper exists with same name").
 */
function added(container: MapperContainer, mappers: readonly ProtocolMapperRepresentation[]): ProtocolMapperRepresentation[] {
  const taken: ProtocolMapperRepresentation[] = [...container.mappers];
  for (const mapper of mappers) {
    requireProvider(mapper);
    if (taken.some((other) => sameMapperName(other, mapper) || other.id === mapper.id)) throw new AdminConflict(duplicateMapperMessage);
    taken.push(mapper);
  }
  return [...mappers];
}

function event(operationType: 'CREATE' | 'UPDATE' | 'DELETE', resourcePath: string, representation?: unknown) {
  return { operationType, resourceType: 'PROTOCOL_MAPPER', resourcePath, ...(representation !== undefined ? { representation } : {}) };
}
