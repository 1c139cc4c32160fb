import type { ClientScopeRepresentation } from '../../model/client-scope.js';
import { mapperRepresentation } from '../protocol-mappers/mapper-representation.js';

/**
 * ModelToRepresentation.toRepresentation(ClientScopeModel) in Keycloak's field order: the
 * description only when set, the protocol mappers only when there are any.
 */
export function clientScopeRepresentation(scope: ClientScopeRepresentation & { id: string }): ClientScopeRepresentation {
  const mappers = (scope.protocolMappers ?? []).map(mapperRepresentation);
  return {
    id: scope.id,
    name: scope.name,
    ...(scope.description != null ? { description: scope.description } : {}),
    ...(scope.protocol != null ? { protocol: scope.protocol } : {}),
    attributes: { ...(scope.attributes ?? {}) },
    ...(mappers.length > 0 ? { protocolMappers: mappers } : {}),
  };
}
