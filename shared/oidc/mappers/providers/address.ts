import { ALL_CATEGORIES, type ProtocolMapper } from '../mapper.js';
import { userFirstAttribute } from '../user-values.js';

/** AddressClaimSet's JSON names, keyed by the mapper's config suffix (`user.attribute.<suffix>`). */
const ADDRESS_FIELDS: ReadonlyArray<readonly [configSuffix: string, claim: string]> = [
  ['formatted', 'formatted'],
  ['street', 'street_address'],
  ['locality', 'locality'],
  ['region', 'region'],
  ['postal_code', 'postal_code'],
  ['country', 'country'],
];

/**
 * Keycloak's AddressMapper ("User Address"): the OpenID Connect Core §5.1.1 `address` object, each
 * member from the first value of the user attribute named in `user.attribute.<member>` (by default the
 * member's own name, "street" for street_address). Unset members are left out (Keycloak serialises
 * non-null fields only); the claim itself is always written, so a user without an address gets `{}`.
 */
export const addressMapper: ProtocolMapper = {
  providerId: 'oidc-address-mapper',
  categories: ALL_CATEGORIES,
  map(claims, mapper, ctx) {
    const address: Record<string, string> = {};
    for (const [suffix, claim] of ADDRESS_FIELDS) {
      const value = userFirstAttribute(ctx.user, mapper.config[`user.attribute.${suffix}`] ?? suffix);
      if (value !== undefined) address[claim] = value;
    }
    claims['address'] = address;
  },
};
