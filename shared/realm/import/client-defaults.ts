import { randomUUID } from 'node:crypto';
import { withoutNulls } from '../../admin/protocol-mappers/mapper-representation.js';
import type { ClientRepresentation } from '../../model/client.js';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import { clientModelDefaults, OIDC_PROTOCOL, withNewSecret } from '../create-client.js';
import { InvalidRealmError } from '../realm-errors.js';
import type { RealmInput } from './realm-schema.js';

type ClientInput = NonNullable<RealmInput['clients']>[number];

/** OIDCConfigAttributes.POST_LOGOUT_REDIRECT_URIS: "+" reuses the redirect URIs. */
const POST_LOGOUT_REDIRECT_URIS = 'post.logout.redirect.uris';

/**
 * A client of a realm file as RepresentationToModel.createClient stores it: its id (or a new one),
 * Keycloak's defaults for what it leaves out, an id for every protocol mapper, a secret for a
 * confidential client that brought none, and `post.logout.redirect.uris` "+" when unset
 * (DefaultExportImportManager.createClients). Default and optional scopes stay names, as given.
 */
export function importedClient(input: ClientInput): ClientRepresentation & { id: string } {
  const given = withoutNulls(input);
  if (!given.clientId) throw new InvalidRealmError('A client in the realm has no clientId');
  const attributes = Object.fromEntries(Object.entries(given.attributes ?? {}).filter((entry): entry is [string, string] => entry[1] !== null));
  attributes[POST_LOGOUT_REDIRECT_URIS] ??= '+';
  const { access: _access, defaultRoles: _defaultRoles, protocolMappers, ...rest } = given;
  const client = clientModelDefaults({
    ...rest,
    protocolMappers: (protocolMappers ?? []).map(importedMapper),
    clientId: given.clientId,
    attributes,
    authenticationFlowBindingOverrides: Object.fromEntries(
      Object.entries(given.authenticationFlowBindingOverrides ?? {}).filter((entry): entry is [string, string] => entry[1] !== null),
    ),
  });
  if (client.secret == null && !client.publicClient && !client.bearerOnly) withNewSecret(client);
  return client;
}

/** A protocol mapper as ProtocolMapperUtils stores it: an id, its protocol (the client's when unset). */
export function importedMapper(input: NonNullable<ClientInput['protocolMappers']>[number]): ProtocolMapperRepresentation & { id: string } {
  const given = withoutNulls(input);
  if (!given.name || !given.protocolMapper) throw new InvalidRealmError('A protocol mapper in the realm has no name or protocolMapper');
  return {
    id: given.id ?? randomUUID(),
    name: given.name,
    protocol: given.protocol ?? OIDC_PROTOCOL,
    protocolMapper: given.protocolMapper,
    consentRequired: false,
    config: Object.fromEntries(Object.entries(given.config ?? {}).filter((entry): entry is [string, string] => entry[1] !== null)),
  };
}
