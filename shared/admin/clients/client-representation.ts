import type { ClientRepresentation } from '../../model/client.js';
import { OIDC_PROTOCOL } from '../../realm/create-client.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientConfig } from '../../store/clients.js';
import { mapperRepresentation } from '../protocol-mappers/mapper-representation.js';

/** ComponentRepresentation.SECRET_VALUE: what StripSecretsUtils puts where a secret was. */
export const SECRET_MASK = '**********';
/** ClientSecretConstants.CLIENT_ROTATED_SECRET: the previous secret, kept while a rotation is in grace. */
const ROTATED_SECRET = 'client.secret.rotated';

/** The field order of Keycloak's ClientRepresentation JSON (Jackson writes fields in declaration order). */
const FIELD_ORDER = [
  'id', 'clientId', 'name', 'description', 'type', 'rootUrl', 'adminUrl', 'baseUrl', 'surrogateAuthRequired', 'enabled',
  'alwaysDisplayInConsole', 'clientAuthenticatorType', 'secret', 'registrationAccessToken', 'defaultRoles', 'redirectUris',
  'webOrigins', 'notBefore', 'bearerOnly', 'consentRequired', 'standardFlowEnabled', 'implicitFlowEnabled',
  'directAccessGrantsEnabled', 'serviceAccountsEnabled', 'authorizationServicesEnabled', 'directGrantsOnly', 'publicClient',
  'frontchannelLogout', 'protocol', 'attributes', 'authenticationFlowBindingOverrides', 'fullScopeAllowed',
  'nodeReRegistrationTimeout', 'registeredNodes', 'protocolMappers', 'clientTemplate', 'useTemplateConfig', 'useTemplateScope',
  'useTemplateMappers', 'defaultClientScopes', 'optionalClientScopes', 'authorizationSettings', 'access', 'origin',
] as const;

/** A representation's fields in Keycloak's order, fields Keycloak does not know after them. */
export function inKeycloakOrder(rep: Readonly<Record<string, unknown>>): ClientRepresentation {
  const ordered: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) if (rep[field] !== undefined) ordered[field] = rep[field];
  for (const [field, value] of Object.entries(rep)) if (!(field in ordered) && value !== undefined) ordered[field] = value;
  return ordered as ClientRepresentation;
}

/** StripSecretsUtils.stripClient: the secret and the rotated secret masked. */
export function stripClientSecrets<T extends ClientRepresentation>(rep: T): T {
  const stripped: T = { ...rep };
  if (stripped.secret != null) stripped.secret = SECRET_MASK;
  if (stripped.attributes?.[ROTATED_SECRET] != null) stripped.attributes = { ...stripped.attributes, [ROTATED_SECRET]: SECRET_MASK };
  return stripped;
}

/** The names of a client's default or optional scopes of its own protocol (ClientModel.getClientScopes). */
export function clientScopeNames(realm: RealmConfig, client: ClientConfig, isDefault: boolean): string[] {
  const protocol = client.client.rep.protocol ?? OIDC_PROTOCOL;
  const byId = new Map(realm.clientScopes.map((scope) => [scope.rep.id, scope.rep]));
  return (isDefault ? client.defaultScopeIds : client.optionalScopeIds)
    .map((id) => byId.get(id))
    .filter((scope) => scope !== undefined && (scope.protocol ?? OIDC_PROTOCOL) === protocol)
    .map((scope) => scope!.name);
}

export interface ClientAccess {
  readonly view: boolean;
  readonly configure: boolean;
  readonly manage: boolean;
}

/**
 * ModelToRepresentation.toRepresentation(ClientModel) as ClientResource.getClient returns it: the
 * protocol mappers (absent when there are none), the default and optional scope names, the caller's
 * `access`; secrets masked for callers who cannot manage the client, and the scopes left empty for
 * callers who cannot view client scopes.
 */
export function clientRepresentation(realm: RealmConfig, client: ClientConfig, access: ClientAccess, options: { canViewScopes: boolean }): ClientRepresentation {
  const stored = client.client.rep;
  const mappers = (stored.protocolMappers ?? []).map(mapperRepresentation);
  const rep: ClientRepresentation = {
    ...stored,
    protocolMappers: mappers.length > 0 ? mappers : undefined,
    defaultClientScopes: options.canViewScopes ? clientScopeNames(realm, client, true) : [],
    optionalClientScopes: options.canViewScopes ? clientScopeNames(realm, client, false) : [],
    access: { view: access.view, configure: access.configure, manage: access.manage },
  };
  return inKeycloakOrder(access.manage ? rep : stripClientSecrets(rep));
}
