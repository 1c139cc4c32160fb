/*
 * The client scopes Keycloak 26 creates in every new realm, and which of them are the realm's default and
 * optional scopes. Mirrors:
 *   server-spi-private/src/main/java/org/keycloak/models/utils/DefaultClientScopes.java
 *     (createDefaultClientScopes, createOfflineAccessClientScope)
 *   services/src/main/java/org/keycloak/protocol/oidc/OIDCLoginProtocolFactory.java
 *     (createDefaultClientScopesImpl, addRolesClientScope, addWebOriginsClientScope,
 *      addMicroprofileJWTClientScope, addAcrClientScope, addBasicClientScope, addServiceAccountClientScope)
 *   services/src/main/java/org/keycloak/protocol/saml/SamlProtocolFactory.java (the SAML scopes)
 *   services/src/main/java/org/keycloak/services/managers/RealmManager.java (setupOfflineTokens)
 * Cross-checked against GET /admin/realms/{realm}/client-scopes on a fresh Keycloak 26.7.1 realm and a
 * realm export from an earlier 26.x release. Where they differ (AuthnContextClassRef, a SAML scope the
 * earlier export lacks) we follow 26.7.1, the latest 26.x.
 *
 * What we found about the scopes the brief asked to check:
 * - organization: created in every realm (the organization feature is on by default in 26), as an
 *   OPTIONAL realm scope; its SAML twin saml_organization is a DEFAULT realm scope.
 * - service_account: created in every realm since 26.1 (addServiceAccountClientScope), but it is neither
 *   a default nor an optional realm scope: Keycloak attaches it as a default scope only to clients that
 *   enable service accounts. It is included here because a fresh realm lists it.
 * - The token-exchange delegation scopes (delegation:user, delegation:client) on Keycloak's main branch
 *   sit behind a feature that is off by default; a fresh 26.7.1 realm has neither, so neither do we.
 */
import type { ClientScopeRepresentation } from '../client-scope.js';
import {
  OIDC,
  SAML,
  type BuiltinMapper,
  accessTokenOnlyMapper,
  acrMapper,
  addressMapper,
  fullNameMapper,
  microprofileGroupsMapper,
  organizationMembershipMapper,
  roleMappingMapper,
  samlMapper,
  sessionNoteMapper,
  userClaimMapper,
  withMapperIds,
} from './mappers.js';

interface ScopeSpec {
  name: string;
  description: string;
  protocol: typeof OIDC | typeof SAML;
  attributes: Record<string, string>;
  mappers: BuiltinMapper[];
}

/** include.in.token.scope, consent.screen.text, display.on.consent.screen: the order Keycloak shows them. */
function attrs(includeInTokenScope: boolean | undefined, consentText: string | undefined, display: boolean) {
  const out: Record<string, string> = {};
  if (includeInTokenScope !== undefined) out['include.in.token.scope'] = String(includeInTokenScope);
  if (consentText !== undefined) out['consent.screen.text'] = consentText;
  out['display.on.consent.screen'] = String(display);
  return out;
}

/** In Keycloak's creation order: offline_access first (setupOfflineTokens), then the OIDC factory's. */
function oidcScopeSpecs(): ScopeSpec[] {
  const attribute = userClaimMapper;
  return [
    {
      name: 'offline_access',
      description: 'OpenID Connect built-in scope: offline_access',
      protocol: OIDC,
      attributes: attrs(undefined, '${offlineAccessScopeConsentText}', true),
      mappers: [],
    },
    {
      name: 'profile',
      description: 'OpenID Connect built-in scope: profile',
      protocol: OIDC,
      attributes: attrs(true, '${profileScopeConsentText}', true),
      mappers: [
        fullNameMapper(),
        attribute('family name', 'lastName', 'family_name', 'String'),
        attribute('given name', 'firstName', 'given_name', 'String'),
        attribute('middle name', 'middleName', 'middle_name', 'String'),
        attribute('nickname', 'nickname', 'nickname', 'String'),
        attribute('username', 'username', 'preferred_username', 'String'),
        attribute('profile', 'profile', 'profile', 'String'),
        attribute('picture', 'picture', 'picture', 'String'),
        attribute('website', 'website', 'website', 'String'),
        attribute('gender', 'gender', 'gender', 'String'),
        attribute('birthdate', 'birthdate', 'birthdate', 'String'),
        attribute('zoneinfo', 'zoneinfo', 'zoneinfo', 'String'),
        attribute('locale', 'locale', 'locale', 'String'),
        attribute('updated at', 'updatedAt', 'updated_at', 'long'),
      ],
    },
    {
      name: 'email',
      description: 'OpenID Connect built-in scope: email',
      protocol: OIDC,
      attributes: attrs(true, '${emailScopeConsentText}', true),
      mappers: [
        attribute('email', 'email', 'email', 'String'),
        attribute('email verified', 'emailVerified', 'email_verified', 'boolean', 'oidc-usermodel-property-mapper'),
      ],
    },
    {
      name: 'address',
      description: 'OpenID Connect built-in scope: address',
      protocol: OIDC,
      attributes: attrs(true, '${addressScopeConsentText}', true),
      mappers: [addressMapper()],
    },
    {
      name: 'phone',
      description: 'OpenID Connect built-in scope: phone',
      protocol: OIDC,
      attributes: attrs(true, '${phoneScopeConsentText}', true),
      mappers: [
        attribute('phone number', 'phoneNumber', 'phone_number', 'String'),
        attribute('phone number verified', 'phoneNumberVerified', 'phone_number_verified', 'boolean'),
      ],
    },
    {
      name: 'roles',
      description: 'OpenID Connect scope for add user roles to the access token',
      protocol: OIDC,
      attributes: attrs(false, '${rolesScopeConsentText}', true),
      mappers: [
        roleMappingMapper('realm roles', 'oidc-usermodel-realm-role-mapper', 'realm_access.roles'),
        roleMappingMapper('client roles', 'oidc-usermodel-client-role-mapper', 'resource_access.${client_id}.roles'),
        accessTokenOnlyMapper('audience resolve', 'oidc-audience-resolve-mapper'),
      ],
    },
    {
      name: 'web-origins',
      description: 'OpenID Connect scope for add allowed web origins to the access token',
      protocol: OIDC,
      // Keycloak sets an empty consent text here, and keeps it.
      attributes: attrs(false, '', false),
      mappers: [accessTokenOnlyMapper('allowed web origins', 'oidc-allowed-origins-mapper')],
    },
    {
      name: 'microprofile-jwt',
      description: 'Microprofile - JWT built-in scope',
      protocol: OIDC,
      attributes: attrs(true, undefined, false),
      mappers: [attribute('upn', 'username', 'upn', 'String'), microprofileGroupsMapper()],
    },
    {
      name: 'acr',
      description: 'OpenID Connect scope for add acr (authentication context class reference) to the token',
      protocol: OIDC,
      attributes: attrs(false, undefined, false),
      mappers: [acrMapper()],
    },
    {
      name: 'basic',
      description: 'OpenID Connect scope for add all basic claims to the token',
      protocol: OIDC,
      attributes: attrs(false, undefined, false),
      mappers: [
        sessionNoteMapper('auth_time', 'AUTH_TIME', 'auth_time', 'long'),
        accessTokenOnlyMapper('sub', 'oidc-sub-mapper'),
      ],
    },
    {
      name: 'service_account',
      description: 'Specific scope for a client enabled for service accounts',
      protocol: OIDC,
      attributes: attrs(false, undefined, false),
      mappers: [
        sessionNoteMapper('Client ID', 'client_id', 'client_id', 'String'),
        sessionNoteMapper('Client Host', 'clientHost', 'clientHost', 'String'),
        sessionNoteMapper('Client IP Address', 'clientAddress', 'clientAddress', 'String'),
      ],
    },
    {
      name: 'organization',
      description: 'Additional claims about the organization a subject belongs to',
      protocol: OIDC,
      attributes: attrs(true, '${organizationScopeConsentText}', true),
      mappers: [organizationMembershipMapper()],
    },
  ];
}

function samlScopeSpecs(): ScopeSpec[] {
  return [
    {
      name: 'role_list',
      description: 'SAML role list',
      protocol: SAML,
      attributes: attrs(undefined, '${samlRoleListScopeConsentText}', true),
      mappers: [
        samlMapper('role list', 'saml-role-list-mapper', {
          single: 'false',
          'attribute.nameformat': 'Basic',
          'attribute.name': 'Role',
        }),
      ],
    },
    {
      name: 'saml_organization',
      description: 'Organization Membership',
      protocol: SAML,
      attributes: attrs(undefined, undefined, false),
      mappers: [samlMapper('organization', 'saml-organization-membership-mapper')],
    },
    {
      name: 'AuthnContextClassRef',
      // Keycloak's own spelling ("Authentiation"), kept byte for byte.
      description: 'AuthnContextClassRef Level of Authentiation',
      protocol: SAML,
      attributes: {},
      mappers: [samlMapper('AuthnContextClassRef', 'saml-authn-context-class-ref-mapper')],
    },
  ];
}

function toRepresentation(spec: ScopeSpec, newId: () => string): ClientScopeRepresentation {
  const scope: ClientScopeRepresentation = {
    id: newId(),
    name: spec.name,
    description: spec.description,
    protocol: spec.protocol,
    attributes: { ...spec.attributes },
  };
  // A scope without mappers has no protocolMappers field at all in Keycloak's JSON (offline_access).
  if (spec.mappers.length > 0) scope.protocolMappers = withMapperIds(spec.mappers, newId);
  return scope;
}

/** The OpenID Connect scopes of a new realm, fresh objects with ids from `newId`. */
export function builtinOidcClientScopes(newId: () => string): ClientScopeRepresentation[] {
  return oidcScopeSpecs().map((spec) => toRepresentation(spec, newId));
}

/** The SAML scopes of a new realm. */
export function builtinSamlClientScopes(newId: () => string): ClientScopeRepresentation[] {
  return samlScopeSpecs().map((spec) => toRepresentation(spec, newId));
}

/** Every client scope a new Keycloak 26 realm has: the OpenID Connect ones, then the SAML ones. */
export function builtinClientScopes(newId: () => string): ClientScopeRepresentation[] {
  return [...builtinOidcClientScopes(newId), ...builtinSamlClientScopes(newId)];
}

/**
 * The realm's default client scopes (RealmRepresentation.defaultDefaultClientScopes), in the order
 * Keycloak 26.7.1 lists them. A new client gets those of its own protocol as default scopes.
 */
export const realmDefaultClientScopes: readonly string[] = [
  'role_list',
  'saml_organization',
  'AuthnContextClassRef',
  'profile',
  'email',
  'roles',
  'web-origins',
  'acr',
  'basic',
];

/** The realm's optional client scopes (RealmRepresentation.defaultOptionalClientScopes). */
export const realmOptionalClientScopes: readonly string[] = [
  'offline_access',
  'address',
  'phone',
  'microprofile-jwt',
  'organization',
];

const protocolOf = new Map(
  [...oidcScopeSpecs(), ...samlScopeSpecs()].map((spec) => [spec.name, spec.protocol] as const),
);

/** The realm default scopes a new client of `protocol` is given (DefaultClientScopes.addDefaultClientScopes). */
export function defaultClientScopesFor(protocol: string = OIDC): string[] {
  return realmDefaultClientScopes.filter((name) => protocolOf.get(name) === protocol);
}

/** The realm optional scopes a new client of `protocol` is given. */
export function optionalClientScopesFor(protocol: string = OIDC): string[] {
  return realmOptionalClientScopes.filter((name) => protocolOf.get(name) === protocol);
}

/**
 * Role scope mappings of the built-in scopes (RealmRepresentation.scopeMappings): the offline_access
 * scope carries the realm role of the same name (DefaultClientScopes.createOfflineAccessClientScope), so
 * a token only gets offline_access when that scope is requested.
 */
export const builtinClientScopeRoleMappings: readonly { clientScope: string; roles: readonly string[] }[] = [
  { clientScope: 'offline_access', roles: ['offline_access'] },
];
