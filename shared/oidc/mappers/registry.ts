import type { ProtocolMapper } from './mapper.js';
import { acrMapper } from './providers/acr.js';
import { addressMapper } from './providers/address.js';
import { allowedOriginsMapper } from './providers/allowed-origins.js';
import { audienceResolveMapper } from './providers/audience-resolve.js';
import { audienceMapper } from './providers/audience.js';
import { clientRoleMapper } from './providers/client-role.js';
import { fullNameMapper } from './providers/full-name.js';
import { groupMembershipMapper } from './providers/group-membership.js';
import { hardcodedClaimMapper } from './providers/hardcoded-claim.js';
import { hardcodedRoleMapper } from './providers/hardcoded-role.js';
import { realmRoleMapper } from './providers/realm-role.js';
import { roleNameMapper } from './providers/role-name.js';
import { sha256PairwiseSubMapper } from './providers/sha256-pairwise-sub.js';
import { subMapper } from './providers/sub.js';
import { userAttributeMapper } from './providers/user-attribute.js';
import { userPropertyMapper } from './providers/user-property.js';
import { userSessionNoteMapper } from './providers/user-session-note.js';

const providers: ReadonlyMap<string, ProtocolMapper> = new Map(
  [
    userAttributeMapper,
    userPropertyMapper,
    fullNameMapper,
    addressMapper,
    realmRoleMapper,
    clientRoleMapper,
    groupMembershipMapper,
    audienceMapper,
    audienceResolveMapper,
    hardcodedClaimMapper,
    hardcodedRoleMapper,
    roleNameMapper,
    allowedOriginsMapper,
    sha256PairwiseSubMapper,
    subMapper,
    userSessionNoteMapper,
    acrMapper,
  ].map((provider) => [provider.providerId, provider] as const),
);

/** The provider for a ProtocolMapperRepresentation's `protocolMapper`, if Gatehouse implements it. */
export function mapperFor(providerId: string): ProtocolMapper | undefined {
  return providers.get(providerId);
}

/** Every implemented provider id (for the admin API's server-info and mapper validation). */
export const supportedMapperIds: readonly string[] = [...providers.keys()];
