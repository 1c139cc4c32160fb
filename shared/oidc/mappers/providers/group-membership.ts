import { mapClaimFromConfig } from '../claim-path.js';
import { ALL_CATEGORIES, type ProtocolMapper } from '../mapper.js';

/**
 * Keycloak's GroupMembershipMapper ("Group Membership"): the user's direct groups as a list in
 * `claim.name` — full paths ("/parent/child") when `full.path` is "true", names otherwise. Always
 * multivalued (Keycloak forces it), so it merges with what other mappers put in the same claim; a
 * user in no group gets no claim.
 */
export const groupMembershipMapper: ProtocolMapper = {
  providerId: 'oidc-group-membership-mapper',
  categories: ALL_CATEGORIES,
  map(claims, mapper, ctx, category) {
    const fullPath = mapper.config['full.path'] === 'true';
    const membership = ctx.groups.map((group) => (fullPath ? group.path : group.name));
    mapClaimFromConfig(claims, mapper, membership, category, true);
  },
};
