/**
 * Keycloak 26's event enums as the Admin API names them (org.keycloak.events.EventType,
 * org.keycloak.events.admin.OperationType and ResourceType): the values the events listings accept
 * as filters and serverinfo lists under `enums`.
 */

/**
 * EventType with its `saveByDefault` flag: the types a realm stores when its enabledEventTypes is
 * empty (EventType.isSaveByDefault; RealmAdminResource.getRealmEventsConfig shows exactly these then).
 * Every type has an `_ERROR` twin; only the pairs whose twin is saved differently are spelled out.
 */
const eventTypePairs: readonly (readonly [type: string, saved: boolean, errorSaved?: boolean])[] = [
  ['LOGIN', true],
  ['REGISTER', true],
  ['LOGOUT', true],
  ['CODE_TO_TOKEN', true],
  ['CLIENT_LOGIN', true],
  ['REFRESH_TOKEN', false],
  ['VALIDATE_ACCESS_TOKEN', false],
  ['INTROSPECT_TOKEN', false],
  ['FEDERATED_IDENTITY_LINK', true],
  ['REMOVE_FEDERATED_IDENTITY', true],
  ['UPDATE_EMAIL', true],
  ['UPDATE_PROFILE', true],
  ['UPDATE_PASSWORD', true],
  ['UPDATE_TOTP', true],
  ['VERIFY_EMAIL', true],
  ['VERIFY_PROFILE', true],
  ['REMOVE_TOTP', true],
  ['GRANT_CONSENT', true],
  ['UPDATE_CONSENT', true],
  ['REVOKE_GRANT', true],
  ['SEND_VERIFY_EMAIL', true],
  ['SEND_RESET_PASSWORD', true],
  ['SEND_IDENTITY_PROVIDER_LINK', true],
  ['RESET_PASSWORD', true],
  ['RESTART_AUTHENTICATION', true],
  ['INVALID_SIGNATURE', false],
  ['REGISTER_NODE', false],
  ['UNREGISTER_NODE', false],
  ['USER_INFO_REQUEST', false],
  ['IDENTITY_PROVIDER_LINK_ACCOUNT', true],
  ['IDENTITY_PROVIDER_LOGIN', true],
  ['IDENTITY_PROVIDER_FIRST_LOGIN', true],
  ['IDENTITY_PROVIDER_POST_LOGIN', true],
  ['IDENTITY_PROVIDER_RESPONSE', false],
  ['IDENTITY_PROVIDER_RETRIEVE_TOKEN', false],
  ['IMPERSONATE', true],
  ['CUSTOM_REQUIRED_ACTION', true],
  ['EXECUTE_ACTIONS', true],
  ['EXECUTE_ACTION_TOKEN', true],
  ['CLIENT_INFO', false],
  ['CLIENT_REGISTER', true],
  ['CLIENT_UPDATE', true],
  ['CLIENT_DELETE', true],
  ['CLIENT_INITIATED_ACCOUNT_LINKING', true],
  ['TOKEN_EXCHANGE', true],
  ['OAUTH2_DEVICE_AUTH', true],
  ['OAUTH2_DEVICE_VERIFY_USER_CODE', true],
  ['OAUTH2_DEVICE_CODE_TO_TOKEN', true],
  ['AUTHREQID_TO_TOKEN', true],
  ['PERMISSION_TOKEN', true, false],
  ['DELETE_ACCOUNT', true],
  ['PUSHED_AUTHORIZATION_REQUEST', false],
  ['USER_DISABLED_BY_PERMANENT_LOCKOUT', true, false],
  ['USER_DISABLED_BY_TEMPORARY_LOCKOUT', true, false],
  ['OAUTH2_EXTENSION_GRANT', true],
  ['FEDERATED_IDENTITY_OVERRIDE_LINK', true],
  ['UPDATE_CREDENTIAL', true],
  ['REMOVE_CREDENTIAL', true],
  ['INVITE_ORG', true],
];

const eventTypeFlags: ReadonlyMap<string, boolean> = new Map(
  eventTypePairs.flatMap(([type, saved, errorSaved]) => [
    [type, saved],
    [`${type}_ERROR`, errorSaved ?? saved],
  ]),
);

/** Every EventType name, in Keycloak's declaration order. */
export const eventTypes: readonly string[] = [...eventTypeFlags.keys()];

/** The types Keycloak saves when a realm enables events without choosing types. */
export const savedByDefaultEventTypes: readonly string[] = eventTypes.filter((type) => eventTypeFlags.get(type));

export function isEventType(value: string): boolean {
  return eventTypeFlags.has(value);
}

export const operationTypes = ['CREATE', 'UPDATE', 'DELETE', 'ACTION'] as const;

/** ResourceType: what an admin event is about. */
export const resourceTypes = [
  'REALM',
  'REALM_ROLE',
  'REALM_ROLE_MAPPING',
  'REALM_SCOPE_MAPPING',
  'AUTH_FLOW',
  'AUTH_EXECUTION_FLOW',
  'AUTH_EXECUTION',
  'AUTHENTICATOR_CONFIG',
  'REQUIRED_ACTION',
  'IDENTITY_PROVIDER',
  'IDENTITY_PROVIDER_MAPPER',
  'PROTOCOL_MAPPER',
  'USER',
  'USER_LOGIN_FAILURE',
  'USER_SESSION',
  'USER_FEDERATION_PROVIDER',
  'USER_FEDERATION_MAPPER',
  'GROUP',
  'GROUP_MEMBERSHIP',
  'CLIENT',
  'CLIENT_INITIAL_ACCESS_MODEL',
  'CLIENT_ROLE',
  'CLIENT_ROLE_MAPPING',
  'CLIENT_SCOPE',
  'CLIENT_SCOPE_MAPPING',
  'CLIENT_SCOPE_CLIENT_MAPPING',
  'CLUSTER_NODE',
  'COMPONENT',
  'AUTHORIZATION_RESOURCE_SERVER',
  'AUTHORIZATION_RESOURCE',
  'AUTHORIZATION_SCOPE',
  'AUTHORIZATION_POLICY',
  'CUSTOM',
  'ORGANIZATION',
  'ORGANIZATION_MEMBERSHIP',
] as const;
