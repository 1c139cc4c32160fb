import { randomUUID } from 'node:crypto';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import { mapperFor } from '../../oidc/mappers/registry.js';
import { OIDC_PROTOCOL } from '../../realm/create-client.js';
import { AdminBadRequest, AdminNotFound } from '../errors.js';
import type { ProtocolMapperInput } from './mapper-schema.js';

/**
 * RepresentationToModel.toModel(ProtocolMapperRepresentation): config entries that are null or empty
 * are dropped (removeEmptyString); a missing protocol is the container's (Keycloak's admin console
 * always sends it, and a mapper never applies to another protocol's tokens).
 */
export function normalizedMapper(input: ProtocolMapperInput, containerProtocol: string | undefined): ProtocolMapperRepresentation {
  if (!input.name) throw new AdminBadRequest('Protocol mapper name is required');
  const config = Object.fromEntries(
    Object.entries(input.config ?? {}).filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== ''),
  );
  return {
    id: input.id ?? randomUUID(),
    name: input.name,
    protocol: input.protocol ?? containerProtocol ?? OIDC_PROTOCOL,
    protocolMapper: input.protocolMapper ?? '',
    config,
  };
}

/**
 * Provider ids Keycloak 26 ships that Gatehouse does not implement (OIDC ones beyond
 * shared/oidc/mappers/registry.ts, and every SAML mapper): Keycloak would store such a mapper, Gatehouse
 * could never apply it, so it says so with a 400 instead of storing a mapper that silently does nothing.
 */
const KEYCLOAK_ONLY_PROVIDERS = new Set([
  'oidc-claims-param-token-mapper',
  'oidc-claims-param-value-idtoken-mapper',
  'oidc-organization-membership-mapper',
  'oidc-nonce-backwards-compatible-mapper',
  'oidc-amr-mapper',
  'oidc-script-based-protocol-mapper',
]);

/**
 * ProtocolMappersResource.validateModel: the mapper's provider must exist. An id nobody knows is
 * Keycloak's 404 "ProtocolMapper provider not found"; one Keycloak has but Gatehouse does not implement
 * is a 400 naming it (see KEYCLOAK_ONLY_PROVIDERS).
 */
export function requireProvider(mapper: ProtocolMapperRepresentation): void {
  if (mapper.protocol === OIDC_PROTOCOL && mapperFor(mapper.protocolMapper)) return;
  if (KEYCLOAK_ONLY_PROVIDERS.has(mapper.protocolMapper) || mapper.protocolMapper.startsWith('saml-')) {
    throw new AdminBadRequest(`Protocol mapper provider ${mapper.protocolMapper} is not supported by this server`);
  }
  throw new AdminNotFound('ProtocolMapper provider not found');
}

export function normalizedMappers(
  inputs: readonly ProtocolMapperInput[],
  containerProtocol: string | undefined,
  options: { validateProviders: boolean },
): ProtocolMapperRepresentation[] {
  return inputs.map((input) => {
    const mapper = normalizedMapper(input, containerProtocol);
    if (options.validateProviders) requireProvider(mapper);
    return mapper;
  });
}

/** Keycloak keeps one mapper per name and protocol in a client or client scope. */
export const sameMapperName = (a: ProtocolMapperRepresentation, b: ProtocolMapperRepresentation): boolean =>
  a.name === b.name && a.protocol === b.protocol;

/** Keycloak's 409 (ProtocolMappersResource: ModelDuplicateException). */
export const duplicateMapperMessage = 'Protocol mapper exists with same name';
