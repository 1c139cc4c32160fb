import { mapperFor, supportedMapperIds } from '../../oidc/mappers/registry.js';
import { property, type ConfigProperty } from './config-property.js';

/**
 * serverinfo's `protocolMapperTypes["openid-connect"]`: for every mapper provider Gatehouse
 * implements (shared/oidc/mappers/registry.ts), Keycloak's display type, help text and config
 * properties, so the admin console's "Add mapper → By configuration" dialogs work. Labels and tooltips
 * are Keycloak's message keys where Keycloak uses keys (OIDCAttributeMapperHelper, ProtocolMapperUtils),
 * its English text elsewhere.
 */

export interface ProtocolMapperType {
  id: string;
  name: string;
  category: string;
  helpText: string;
  priority: number;
  properties: ConfigProperty[];
}

/** AbstractOIDCProtocolMapper.TOKEN_MAPPER_CATEGORY */
const TOKEN_MAPPER = 'Token mapper';

const claimName = (tooltip = 'tokenClaimName.tooltip') => property('claim.name', 'tokenClaimName.label', tooltip, 'String', { required: true });
const jsonType = () => property('jsonType.label', 'jsonType.label', 'jsonType.tooltip', 'List', { options: ['String', 'long', 'int', 'boolean', 'JSON'] });
const multivalued = (defaultValue?: string) => property('multivalued', 'multivalued.label', 'multivalued.tooltip', 'boolean', defaultValue === undefined ? {} : { defaultValue });

/** OIDCAttributeMapperHelper.addIncludeInTokensConfig: one switch per token kind the mapper writes. */
function includeInTokens(providerId: string): ConfigProperty[] {
  const categories = mapperFor(providerId)?.categories ?? new Set();
  const properties: ConfigProperty[] = [];
  if (categories.has('id')) properties.push(property('id.token.claim', 'includeInIdToken.label', 'includeInIdToken.tooltip', 'boolean', { defaultValue: 'true' }));
  if (categories.has('access')) {
    properties.push(property('access.token.claim', 'includeInAccessToken.label', 'includeInAccessToken.tooltip', 'boolean', { defaultValue: 'true' }));
    properties.push(property('lightweight.claim', 'includeInLightweight.label', 'includeInLightweight.tooltip', 'boolean', { defaultValue: 'false' }));
  }
  if (categories.has('userinfo')) properties.push(property('userinfo.token.claim', 'includeInUserInfo.label', 'includeInUserInfo.tooltip', 'boolean', { defaultValue: 'true' }));
  if (categories.has('introspection')) {
    properties.push(property('introspection.token.claim', 'includeInIntrospection.label', 'includeInIntrospection.tooltip', 'boolean', { defaultValue: 'true' }));
  }
  return properties;
}

/** OIDCAttributeMapperHelper.addAttributeConfig: claim name, JSON type, token switches. */
const attributeConfig = (id: string, claimTooltip?: string) => [claimName(claimTooltip), jsonType(), ...includeInTokens(id)];

const addressFields = ['formatted', 'street', 'locality', 'region', 'postal_code', 'country'];

/** Display data and the properties each provider declares beyond the token switches. */
const described: Readonly<Record<string, { name: string; helpText: string; properties: (id: string) => ConfigProperty[] }>> = {
  'oidc-usermodel-attribute-mapper': {
    name: 'User Attribute',
    helpText: 'Map a custom user attribute to a token claim.',
    properties: (id) => [
      property('user.attribute', 'usermodel.attr.label', 'usermodel.attr.tooltip', 'UserProfileAttributeList'),
      ...attributeConfig(id),
      multivalued(),
      property('aggregate.attrs', 'aggregate.attrs.label', 'aggregate.attrs.tooltip', 'boolean'),
    ],
  },
  'oidc-usermodel-property-mapper': {
    name: 'User Property',
    helpText: 'Map a built in user property (email, firstName, lastName) to a token claim.',
    properties: (id) => [property('user.attribute', 'usermodel.prop.label', 'usermodel.prop.tooltip', 'String'), ...attributeConfig(id)],
  },
  'oidc-full-name-mapper': {
    name: "User's full name",
    helpText: "Maps the user's first and last name to the OpenID Connect 'name' claim. Format is <first> + ' ' + <last>",
    properties: includeInTokens,
  },
  'oidc-address-mapper': {
    name: 'User Address',
    helpText: "Maps user address attributes (street, locality, region, postal_code, and country) to the OpenID Connect 'address' claim.",
    properties: (id) => [
      ...includeInTokens(id),
      ...addressFields.map((field) => property(`user.attribute.${field}`, `addressClaim.${field}.label`, `addressClaim.${field}.tooltip`, 'String', { defaultValue: field })),
    ],
  },
  'oidc-usermodel-realm-role-mapper': {
    name: 'User Realm Role',
    helpText: 'Map a user realm role to a token claim.',
    properties: (id) => [
      property('usermodel.realmRoleMapping.rolePrefix', 'usermodel.realmRoleMapping.rolePrefix.label', 'usermodel.realmRoleMapping.rolePrefix.tooltip', 'String'),
      multivalued('true'),
      ...attributeConfig(id, 'usermodel.realmRoleMapping.tokenClaimName.tooltip'),
    ],
  },
  'oidc-usermodel-client-role-mapper': {
    name: 'User Client Role',
    helpText: 'Map a user client role to a token claim.',
    properties: (id) => [
      property('usermodel.clientRoleMapping.clientId', 'usermodel.clientRoleMapping.clientId.label', 'usermodel.clientRoleMapping.clientId.tooltip', 'ClientList'),
      property('usermodel.clientRoleMapping.rolePrefix', 'usermodel.clientRoleMapping.rolePrefix.label', 'usermodel.clientRoleMapping.rolePrefix.tooltip', 'String'),
      multivalued('true'),
      ...attributeConfig(id, 'usermodel.clientRoleMapping.tokenClaimName.tooltip'),
    ],
  },
  'oidc-group-membership-mapper': {
    name: 'Group Membership',
    helpText: 'Map user group membership',
    properties: (id) => [
      claimName(),
      property('full.path', 'Full group path', 'Include full path to group i.e. /top/level1/level2, false will just specify the group name', 'boolean', { defaultValue: 'true' }),
      ...includeInTokens(id),
    ],
  },
  'oidc-audience-mapper': {
    name: 'Audience',
    helpText: 'Add specified audience to the audience (aud) field of token',
    properties: (id) => [
      property('included.client.audience', 'included.client.audience.label', 'included.client.audience.tooltip', 'ClientList'),
      property('included.custom.audience', 'included.custom.audience.label', 'included.custom.audience.tooltip', 'String'),
      ...includeInTokens(id),
    ],
  },
  'oidc-audience-resolve-mapper': {
    name: 'Audience Resolve',
    helpText: 'Adds all client_ids of "allowed" clients to the audience field of the token. Allowed client means the client for which user has at least one client role',
    properties: includeInTokens,
  },
  'oidc-hardcoded-claim-mapper': {
    name: 'Hardcoded claim',
    helpText: 'Hardcode a claim into the token.',
    properties: (id) => [
      claimName(),
      property('claim.value', 'Claim value', "Value of the claim you want to hard code.  'true' and 'false can be used for boolean values.", 'String'),
      jsonType(),
      ...includeInTokens(id),
    ],
  },
  'oidc-hardcoded-role-mapper': {
    name: 'Hardcoded Role',
    helpText: 'Hardcode a role into the access token.',
    properties: () => [
      property('role', 'Role', "Role you want added to the token.  Click 'Select Role' button to browse roles, or just type it in the textbox.  To specify an application role the syntax is appname.approle, i.e. myapp.myrole", 'Role'),
    ],
  },
  'oidc-role-name-mapper': {
    name: 'Role Name Mapper',
    helpText: 'Map an assigned role to a new name or position in the token.',
    properties: () => [
      property('role', 'Role', "Role name you want changed.  Click 'Select Role' button to browse roles, or just type it in the textbox.  To reference an application role the syntax is appname.approle, i.e. myapp.myrole", 'Role'),
      property(
        'new.role.name',
        'New Role Name',
        "The new role name.  The new name format corresponds to where in the access token the role will be mapped to.  So, a new name of 'myapp.newname' will map the role to that position in the access token.  A new name of 'newname' will map the role to the realm roles in the token.",
        'String',
      ),
    ],
  },
  'oidc-allowed-origins-mapper': {
    name: 'Allowed Web Origins',
    helpText: "Adds all allowed web origins to the 'allowed-origins' claim in the token",
    properties: includeInTokens,
  },
  'oidc-sha256-pairwise-sub-mapper': {
    name: 'Pairwise subject identifier',
    helpText: 'Calculates a pairwise subject identifier using a salted sha-256 hash. See OpenID Connect specification for more info about pairwise subject identifiers.',
    properties: () => [
      property('sectorIdentifierUri', 'Sector Identifier URI', 'Providers that use pairwise sub values and support Dynamic Client Registration SHOULD use the sector_identifier_uri parameter. It provides a way for a group of websites under common administrative control to have consistent pairwise sub values independent of the individual domain names. It also provides a way for Clients to change redirect_uri domains without having to reregister all their users.', 'String'),
      property('pairwiseSubAlgorithmSalt', 'Salt', 'Salt used when calculating the pairwise subject identifier. If left blank, a salt will be generated.', 'String'),
    ],
  },
  'oidc-sub-mapper': {
    name: 'Subject (sub)',
    helpText: "Add 'sub' claim",
    properties: includeInTokens,
  },
  'oidc-usersessionmodel-note-mapper': {
    name: 'User Session Note',
    helpText: 'Map a custom user session note to a token claim.',
    properties: (id) => [property('user.session.note', 'userSession.modelNote.label', 'userSession.modelNote.tooltip', 'String'), ...attributeConfig(id)],
  },
  'oidc-acr-mapper': {
    name: 'Authentication Context Class Reference (ACR)',
    helpText: "Maps the achieved LoA (Level of Authentication) to the 'acr' claim",
    properties: includeInTokens,
  },
};

/** The implemented OIDC mapper types, in registry order; a provider without display data is an error at load. */
export function oidcMapperTypes(): ProtocolMapperType[] {
  return supportedMapperIds.map((id) => {
    const entry = described[id];
    if (!entry) throw new Error(`No serverinfo description for protocol mapper ${id}`);
    return { id, name: entry.name, category: TOKEN_MAPPER, helpText: entry.helpText, priority: mapperFor(id)?.priority ?? 0, properties: entry.properties(id) };
  });
}
