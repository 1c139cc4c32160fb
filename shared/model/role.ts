/** Keycloak's RoleRepresentation. `composites` names children by realm role name and by client. */
export interface RoleRepresentation {
  id?: string;
  name: string;
  description?: string;
  composite?: boolean;
  composites?: { realm?: string[]; client?: Record<string, string[]> };
  clientRole?: boolean;
  /** Realm id for realm roles, client uuid for client roles. */
  containerId?: string;
  attributes?: Record<string, string[]>;
}
