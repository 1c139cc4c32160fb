import { mapClaimFromConfig } from '../claim-path.js';
import { ALL_CATEGORIES, CONFIG, type ProtocolMapper } from '../mapper.js';
import { userPropertyValue } from '../user-values.js';

/**
 * Keycloak's UserPropertyMapper ("User Property"): a built-in user property named in `user.attribute`
 * (username, email, firstName, lastName, emailVerified, id, createdTimestamp, ...) into `claim.name`.
 */
export const userPropertyMapper: ProtocolMapper = {
  providerId: 'oidc-usermodel-property-mapper',
  categories: ALL_CATEGORIES,
  map(claims, mapper, ctx, category) {
    const property = mapper.config[CONFIG.userAttribute];
    if (property === undefined || property.trim() === '') return;
    mapClaimFromConfig(claims, mapper, userPropertyValue(ctx.user, ctx.groups, property), category);
  },
};
