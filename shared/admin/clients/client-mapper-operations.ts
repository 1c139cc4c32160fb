import { clientUpdateWrites } from '../../store/clients.js';
import { ConflictError } from '../../store/errors.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { MapperContainerResource } from '../protocol-mappers/mapper-container.js';
import { protocolMapperOperations } from '../protocol-mappers/protocol-mapper-operations.js';
import { clientAt, clientEventPath } from './client-access.js';

/** A client as a protocol mapper container (ClientResource.getProtocolMappers: view-clients / manage-clients). */
const clientMappers: MapperContainerResource = {
  path: `${mountOf('admin.clients.rest')}/{id}`,
  async load(request) {
    const { realm, client } = await clientAt(request);
    const rep = client.client.rep;
    return {
      protocol: rep.protocol,
      mappers: rep.protocolMappers ?? [],
      eventPath: clientEventPath(rep.id),
      async save(mappers, event) {
        const writes = clientUpdateWrites(client.client, { ...rep, protocolMappers: [...mappers] }, { onConflict: () => new ConflictError('Client already exists') });
        await request.commit(writes, event, { config: true, realm });
      },
    };
  },
  requireView: (request) => request.require('view-clients'),
  requireManage: (request) => request.require('manage-clients'),
};

export const clientMapperOperations: readonly AdminOperation[] = protocolMapperOperations(clientMappers);
