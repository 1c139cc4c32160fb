/*
 * The protocol mappers Keycloak 26 puts on its built-in client scopes and clients, built the way Keycloak
 * builds them. Mirrors:
 *   services/src/main/java/org/keycloak/protocol/oidc/OIDCLoginProtocolFactory.java (initBuiltIns: the
 *     "username", "email", "given name", ... builtins; addServiceAccountClientScope)
 *   services/src/main/java/org/keycloak/protocol/oidc/mappers/{UserAttributeMapper,UserPropertyMapper,
 *     FullNameMapper,AddressMapper,UserSessionNoteMapper,UserRealmRoleMappingMapper,
 *     UserClientRoleMappingMapper,AudienceResolveProtocolMapper,AllowedWebOriginsProtocolMapper,
 *     AcrProtocolMapper,SubMapper}.java and organization/protocol/mappers/oidc/OrganizationMembershipMapper.java
 * Config keys and values (and their order, which is the Java HashMap order Keycloak's JSON shows) are the
 * ones a live Keycloak 26.7.1 returns from GET .../client-scopes on a fresh realm; a 26.x realm export
 * agrees key for key.
 */
import type { ProtocolMapperRepresentation } from '../protocol-mapper.js';

export const OIDC = 'openid-connect';
export const SAML = 'saml';

/** A mapper as Keycloak represents it, minus the id the caller assigns. */
export type BuiltinMapper = Omit<ProtocolMapperRepresentation, 'id'>;

function mapper(name: string, protocolMapper: string, config: Record<string, string>, protocol = OIDC): BuiltinMapper {
  return { name, protocol, protocolMapper, consentRequired: false, config };
}

/**
 * UserAttributeMapper.createClaimMapper / UserPropertyMapper.createClaimMapper with access, ID and
 * introspection on: the shape of every profile, email, phone and microprofile "upn" mapper and of the
 * admin console's "locale" mapper.
 */
export function userClaimMapper(
  name: string,
  userAttribute: string,
  claimName: string,
  jsonType: string,
  protocolMapper = 'oidc-usermodel-attribute-mapper',
): BuiltinMapper {
  return mapper(name, protocolMapper, {
    'introspection.token.claim': 'true',
    'userinfo.token.claim': 'true',
    'user.attribute': userAttribute,
    'id.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': claimName,
    'jsonType.label': jsonType,
  });
}

/** UserSessionNoteMapper.createClaimMapper: "auth_time" and the three service-account client claims. */
export function sessionNoteMapper(name: string, note: string, claimName: string, jsonType: string): BuiltinMapper {
  return mapper(name, 'oidc-usersessionmodel-note-mapper', {
    'user.session.note': note,
    'id.token.claim': 'true',
    'introspection.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': claimName,
    'jsonType.label': jsonType,
  });
}

/** Mappers that only ever write the access token (and introspection): audience, web origins, sub. */
export function accessTokenOnlyMapper(name: string, protocolMapper: string): BuiltinMapper {
  return mapper(name, protocolMapper, { 'introspection.token.claim': 'true', 'access.token.claim': 'true' });
}

export function fullNameMapper(): BuiltinMapper {
  return mapper('full name', 'oidc-full-name-mapper', {
    'id.token.claim': 'true',
    'introspection.token.claim': 'true',
    'access.token.claim': 'true',
    'userinfo.token.claim': 'true',
  });
}

/** AddressMapper.createAddressMapper: OIDC Core §5.1.1 address claim from user attributes of the same names. */
export function addressMapper(): BuiltinMapper {
  return mapper('address', 'oidc-address-mapper', {
    'user.attribute.formatted': 'formatted',
    'user.attribute.country': 'country',
    'introspection.token.claim': 'true',
    'user.attribute.postal_code': 'postal_code',
    'userinfo.token.claim': 'true',
    'user.attribute.street': 'street',
    'id.token.claim': 'true',
    'user.attribute.region': 'region',
    'access.token.claim': 'true',
    'user.attribute.locality': 'locality',
  });
}

/**
 * "realm roles" / "client roles" in the roles scope: access token and introspection only, never the ID
 * token. "user.attribute": "foo" is a leftover Keycloak still writes; it means nothing to these mappers.
 */
export function roleMappingMapper(name: string, protocolMapper: string, claimName: string): BuiltinMapper {
  return mapper(name, protocolMapper, {
    'user.attribute': 'foo',
    'introspection.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': claimName,
    'jsonType.label': 'String',
    multivalued: 'true',
  });
}

/** microprofile-jwt's "groups": the realm-role mapper again, this time also into the ID token. */
export function microprofileGroupsMapper(): BuiltinMapper {
  return mapper('groups', 'oidc-usermodel-realm-role-mapper', {
    'introspection.token.claim': 'true',
    multivalued: 'true',
    'user.attribute': 'foo',
    'id.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': 'groups',
    'jsonType.label': 'String',
  });
}

export function acrMapper(): BuiltinMapper {
  return mapper('acr loa level', 'oidc-acr-mapper', {
    'id.token.claim': 'true',
    'introspection.token.claim': 'true',
    'access.token.claim': 'true',
  });
}

export function organizationMembershipMapper(): BuiltinMapper {
  return mapper('organization', 'oidc-organization-membership-mapper', {
    'id.token.claim': 'true',
    'introspection.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': 'organization',
    'jsonType.label': 'String',
    multivalued: 'true',
  });
}

/** SAML mappers are plain: Keycloak stores them with the config given, often none at all. */
export function samlMapper(name: string, protocolMapper: string, config: Record<string, string> = {}): BuiltinMapper {
  return mapper(name, protocolMapper, config, SAML);
}

/** The "locale" builtin the security admin console carries (ProtocolMapperUtils.findLocaleMapper). */
export function localeMapper(): BuiltinMapper {
  return userClaimMapper('locale', 'locale', 'locale', 'String');
}

/**
 * account-console's "audience resolve" (RealmManager.setupAccountManagement). Keycloak 26.7.1 returns it
 * with introspection and access-token claims on, like the roles scope's mapper of the same name; exports
 * from earlier 26.x releases show it with an empty config. We follow 26.7.1.
 */
export function audienceResolveMapper(): BuiltinMapper {
  return accessTokenOnlyMapper('audience resolve', 'oidc-audience-resolve-mapper');
}

export function withMapperIds(mappers: BuiltinMapper[], newId: () => string): ProtocolMapperRepresentation[] {
  return mappers.map((m) => ({ id: newId(), ...m, config: { ...m.config } }));
}
