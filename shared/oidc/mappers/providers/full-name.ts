import { ALL_CATEGORIES, type ProtocolMapper } from '../mapper.js';

/**
 * Keycloak's FullNameMapper ("User's full name"): `name` = first and last name joined by a space,
 * skipping empty parts (OpenID Connect Core §5.1); no claim when both are empty.
 */
export const fullNameMapper: ProtocolMapper = {
  providerId: 'oidc-full-name-mapper',
  categories: ALL_CATEGORIES,
  map(claims, _mapper, ctx) {
    const parts = [ctx.user.firstName, ctx.user.lastName].filter((part): part is string => typeof part === 'string' && part !== '');
    if (parts.length > 0) claims['name'] = parts.join(' ');
  },
};
