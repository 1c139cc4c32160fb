import { createHash } from 'node:crypto';
import type { ClientRepresentation } from '../../model/client.js';
import { ProtocolMapperError } from './errors.js';

/** PairwiseSubMapperHelper config keys. */
export const PAIRWISE_CONFIG = {
  sectorIdentifierUri: 'sectorIdentifierUri',
  salt: 'pairwiseSubAlgorithmSalt',
} as const;

/** java.net.URI#getHost for a hierarchical URI: the authority's host, case kept, no port or user info. */
function hostOf(uri: string): string | undefined {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(uri);
  return match?.[1] || undefined;
}

/**
 * PairwiseSubMapperUtils.resolveValidSectorIdentifier: the host of the mapper's sector identifier URI,
 * else the single host all the client's redirect URIs share (relative ones resolved against rootUrl).
 * OpenID Connect Core §8.1: the sector identifier groups clients that see the same pairwise `sub`.
 */
export function sectorIdentifier(client: ClientRepresentation, sectorIdentifierUri: string | undefined): string | undefined {
  if (sectorIdentifierUri) return hostOf(sectorIdentifierUri);
  const hosts = new Set<string | undefined>();
  for (const redirect of client.redirectUris ?? []) {
    const absolute = redirect.startsWith('/') ? (client.rootUrl ? client.rootUrl + redirect : undefined) : redirect;
    if (absolute && absolute.trim() !== '') hosts.add(hostOf(absolute));
  }
  return hosts.size === 1 ? [...hosts][0] : undefined;
}

/**
 * SHA256PairwiseSubMapper.generateSub: SHA-256 over sector identifier, user id and salt (UTF-8), then
 * java.util.UUID.nameUUIDFromBytes of that hash — an MD5-based (version 3) UUID.
 */
export function sha256PairwiseSub(sector: string | undefined, userId: string, salt: string | undefined): string {
  if (salt === undefined) throw new ProtocolMapperError('Salt not available on mappingModel. Please update protocol mapper');
  // Keycloak fails the request (NullPointerException) when no sector identifier can be derived; its
  // admin validation normally prevents saving such a mapper.
  if (sector === undefined) throw new ProtocolMapperError('No sector identifier for the pairwise subject identifier');
  const hash = createHash('sha256').update(sector, 'utf8').update(userId, 'utf8').update(salt, 'utf8').digest();
  const md5 = createHash('md5').update(hash).digest();
  md5[6] = ((md5[6] as number) & 0x0f) | 0x30;
  md5[8] = ((md5[8] as number) & 0x3f) | 0x80;
  const hex = md5.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
