import { randomUUID } from 'node:crypto';
import type { ClientRepresentation } from '../../model/client.js';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import { withNewSecret } from '../../realm/create-client.js';

/** Fields RepresentationToModel.updateClient copies when the representation sets them (non-null). */
const COPIED_FIELDS = [
  'clientId', 'name', 'description', 'type', 'enabled', 'alwaysDisplayInConsole', 'bearerOnly', 'consentRequired',
  'standardFlowEnabled', 'implicitFlowEnabled', 'directAccessGrantsEnabled', 'serviceAccountsEnabled', 'publicClient',
  'fullScopeAllowed', 'frontchannelLogout', 'rootUrl', 'adminUrl', 'baseUrl', 'surrogateAuthRequired',
  'nodeReRegistrationTimeout', 'clientAuthenticatorType', 'protocol', 'notBefore', 'authorizationServicesEnabled',
] as const;

/**
 * A PUT's effect on a client (ClientResource.updateClientFromRep → RepresentationToModel.updateClient
 * and updateClientProtocolMappers), partial as in Keycloak: fields the body leaves out (or sends null)
 * keep their value; attributes are merged key by key; redirect URIs and web origins are replaced when
 * given; a public or bearer-only client loses its secret, a confidential one without a secret gets one.
 * Default and optional client scopes are not changed by a PUT (they have their own endpoints).
 */
export function mergedClient(current: ClientRepresentation & { id: string }, given: ClientRepresentation): ClientRepresentation & { id: string } {
  const next: ClientRepresentation & { id: string } = { ...current, attributes: { ...(current.attributes ?? {}) } };
  for (const field of COPIED_FIELDS) if (given[field] !== undefined) (next as Record<string, unknown>)[field] = given[field];
  Object.assign(next.attributes!, given.attributes ?? {});
  if (given.authenticationFlowBindingOverrides) {
    const overrides = { ...(current.authenticationFlowBindingOverrides ?? {}) };
    // An empty flow id removes the override (RepresentationToModel.updateClient).
    for (const [flow, id] of Object.entries(given.authenticationFlowBindingOverrides)) {
      if (id.trim() === '') delete overrides[flow];
      else overrides[flow] = id;
    }
    next.authenticationFlowBindingOverrides = overrides;
  }
  if (given.redirectUris) next.redirectUris = [...new Set(given.redirectUris)];
  if (given.webOrigins) next.webOrigins = [...new Set(given.webOrigins)];
  if (given.registeredNodes) next.registeredNodes = { ...(current.registeredNodes as object | undefined), ...(given.registeredNodes as object) };
  // Authorization services never apply to bearer-only or public clients (ClientResource.updateClientFromRep).
  if (next.bearerOnly || next.publicClient) delete next.authorizationServicesEnabled;
  if (next.publicClient || next.bearerOnly) delete next.secret;
  else if (given.secret !== undefined) next.secret = given.secret;
  else if (next.secret == null) withNewSecret(next);
  if (given.protocolMappers) next.protocolMappers = mergedMappers(current.protocolMappers ?? [], given.protocolMappers);
  return next;
}

/**
 * RepresentationToModel.updateClientProtocolMappers: mappers are matched by protocol and name; a
 * match keeps its id and takes the new provider and config, new ones are added, missing ones removed.
 */
export function mergedMappers(current: readonly ProtocolMapperRepresentation[], given: readonly ProtocolMapperRepresentation[]): ProtocolMapperRepresentation[] {
  const keyOf = (mapper: ProtocolMapperRepresentation) => `${mapper.protocol}%${mapper.name}`;
  const existing = new Map(current.map((mapper) => [keyOf(mapper), mapper]));
  return given.map((mapper) => {
    const match = existing.get(keyOf(mapper));
    return match ? { ...match, protocolMapper: mapper.protocolMapper, config: { ...mapper.config } } : { ...mapper, id: mapper.id ?? randomUUID() };
  });
}
