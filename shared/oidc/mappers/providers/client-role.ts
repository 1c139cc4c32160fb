import { ALL_CATEGORIES, PRIORITY, type ProtocolMapper } from '../mapper.js';
import { mapRoleClaim } from '../role-claim.js';

/** ProtocolMapperUtils.USER_MODEL_CLIENT_ROLE_MAPPING_CLIENT_ID / _ROLE_PREFIX. */
const CLIENT_ID = 'usermodel.clientRoleMapping.clientId';
const ROLE_PREFIX = 'usermodel.clientRoleMapping.rolePrefix';

/**
 * Keycloak's UserClientRoleMappingMapper ("User Client Role"; the `roles` scope's "client roles"
 * mapper writes `resource_access.${client_id}.roles`): with `usermodel.clientRoleMapping.clientId`
 * set, that client's effective roles; without it, every client the user has effective roles of, one
 * claim each, `${client_id}` in the claim name standing for that client.
 */
export const clientRoleMapper: ProtocolMapper = {
  providerId: 'oidc-usermodel-client-role-mapper',
  priority: PRIORITY.roleMapper,
  categories: ALL_CATEGORIES,
  map(claims, mapper, ctx, category) {
    const clientId = mapper.config[CLIENT_ID];
    const prefix = mapper.config[ROLE_PREFIX];
    if (clientId) {
      const roles = ctx.roles.clients.get(clientId);
      if (roles) mapRoleClaim(claims, mapper, roles, clientId, prefix, category);
      return;
    }
    for (const [each, roles] of ctx.roles.clients) mapRoleClaim(claims, mapper, roles, each, prefix, category);
  },
};
