import { mapClaimFromConfig } from '../claim-path.js';
import { ALL_CATEGORIES, CONFIG, type ProtocolMapper } from '../mapper.js';
import { resolveUserAttribute } from '../user-values.js';

/**
 * Keycloak's UserAttributeMapper ("User Attribute"): the user attribute `user.attribute` (falling back
 * to the user's groups and their parents; all of them merged with `aggregate.attrs`) into `claim.name`,
 * converted per `jsonType.label`, a list when `multivalued`. No value: no claim.
 */
export const userAttributeMapper: ProtocolMapper = {
  providerId: 'oidc-usermodel-attribute-mapper',
  categories: ALL_CATEGORIES,
  map(claims, mapper, ctx, category) {
    const name = mapper.config[CONFIG.userAttribute];
    if (name === undefined) return;
    const aggregate = mapper.config[CONFIG.aggregateAttrs]?.toLowerCase() === 'true';
    mapClaimFromConfig(claims, mapper, resolveUserAttribute(ctx.user, ctx.groups, name, aggregate), category);
  },
};
