import type { AdminEventInput } from '../../events/admin-event.js';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import type { AdminRequest } from '../admin-request.js';

/**
 * What holds protocol mappers (Keycloak's ProtocolMapperContainerModel): a client or a client scope.
 * Each resource says where it lives, how it is found (with its own 404/403 rules) and how a changed
 * mapper list is stored with its admin event.
 */
export interface MapperContainer {
  /** The container's protocol (a mapper sent without one gets it). */
  readonly protocol: string | undefined;
  readonly mappers: readonly ProtocolMapperRepresentation[];
  /** Keycloak's admin event resourcePath of the container (`clients/<id>`, `client-scopes/<id>`). */
  readonly eventPath: string;
  /** Stores the new mapper list (version-checked) and the event in one transaction. */
  save(mappers: readonly ProtocolMapperRepresentation[], event: AdminEventInput): Promise<void>;
}

export interface MapperContainerResource {
  /** The container's path template (the mappers live under `${path}/protocol-mappers`). */
  readonly path: string;
  /** Finds the container of the request's path; unknown ones are the resource's own 404. */
  load(request: AdminRequest): Promise<MapperContainer>;
  /** ProtocolMappersResource's viewCheck and manageCheck as the container resource defines them. */
  requireView(request: AdminRequest): Promise<void>;
  requireManage(request: AdminRequest): Promise<void>;
}
