import { ALL_CATEGORIES, PRIORITY, type ProtocolMapper } from '../mapper.js';
import { mapRoleClaim } from '../role-claim.js';

/** ProtocolMapperUtils.USER_MODEL_REALM_ROLE_MAPPING_ROLE_PREFIX. */
const ROLE_PREFIX = 'usermodel.realmRoleMapping.rolePrefix';

/**
 * Keycloak's UserRealmRoleMappingMapper ("User Realm Role"; the `roles` scope's "realm roles" mapper
 * writes `realm_access.roles`): the effective realm roles, each prefixed with `rolePrefix`. Runs after
 * the role-transforming mappers (ProtocolMapperUtils.PRIORITY_ROLE_MAPPER). No roles: no claim.
 */
export const realmRoleMapper: ProtocolMapper = {
  providerId: 'oidc-usermodel-realm-role-mapper',
  priority: PRIORITY.roleMapper,
  categories: ALL_CATEGORIES,
  map(claims, mapper, ctx, category) {
    mapRoleClaim(claims, mapper, ctx.roles.realm, undefined, mapper.config[ROLE_PREFIX], category);
  },
};
