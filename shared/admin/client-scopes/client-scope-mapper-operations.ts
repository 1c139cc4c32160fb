import { clientScopeUpdateWrites } from '../../store/client-scopes.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { MapperContainerResource } from '../protocol-mappers/mapper-container.js';
import { protocolMapperOperations } from '../protocol-mappers/protocol-mapper-operations.js';
import { clientScopeAt, clientScopeEventPath } from './client-scope-access.js';

/** A client scope as a protocol mapper container (ClientScopeResource.getProtocolMappers: view-clients / manage-clients). */
const clientScopeMappers: MapperContainerResource = {
  path: `${mountOf('admin.client-scopes.rest')}/{id}`,
  async load(request) {
    const { realm, scope } = await clientScopeAt(request);
    return {
      protocol: scope.rep.protocol,
      mappers: scope.rep.protocolMappers ?? [],
      eventPath: clientScopeEventPath(scope.rep.id),
      async save(mappers, event) {
        await request.commit(clientScopeUpdateWrites(scope, { ...scope.rep, protocolMappers: [...mappers] }), event, { config: true, realm });
      },
    };
  },
  requireView: (request) => request.require('view-clients'),
  requireManage: (request) => request.require('manage-clients'),
};

export const clientScopeMapperOperations: readonly AdminOperation[] = protocolMapperOperations(clientScopeMappers);
