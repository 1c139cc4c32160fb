import { always } from '../include.js';
import { ALL_CATEGORIES, type ProtocolMapper } from '../mapper.js';
import { PAIRWISE_CONFIG, sectorIdentifier, sha256PairwiseSub } from '../pairwise.js';

/**
 * Keycloak's SHA256PairwiseSubMapper ("Pairwise subject identifier", OpenID Connect Core §8.1): `sub`
 * becomes a pairwise identifier derived from the sector identifier, the user id and
 * `pairwiseSubAlgorithmSalt`. AbstractPairwiseSubMapper applies it to every token kind it implements,
 * without include switches.
 */
export const sha256PairwiseSubMapper: ProtocolMapper = {
  providerId: 'oidc-sha256-pairwise-sub-mapper',
  categories: ALL_CATEGORIES,
  includes: always,
  map(claims, mapper, ctx) {
    const sector = sectorIdentifier(ctx.client, mapper.config[PAIRWISE_CONFIG.sectorIdentifierUri]);
    claims['sub'] = sha256PairwiseSub(sector, ctx.user.id, mapper.config[PAIRWISE_CONFIG.salt]);
  },
};
