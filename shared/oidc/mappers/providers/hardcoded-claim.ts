import { mapClaimFromConfig } from '../claim-path.js';
import { ALL_CATEGORIES, type ProtocolMapper } from '../mapper.js';

/** Keycloak's HardcodedClaim ("Hardcoded claim"): `claim.value` into `claim.name`, converted per `jsonType.label`. */
export const hardcodedClaimMapper: ProtocolMapper = {
  providerId: 'oidc-hardcoded-claim-mapper',
  categories: ALL_CATEGORIES,
  map(claims, mapper, _ctx, category) {
    const value = mapper.config['claim.value'];
    if (value !== undefined) mapClaimFromConfig(claims, mapper, value, category);
  },
};
