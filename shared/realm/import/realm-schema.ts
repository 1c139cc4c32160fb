import * as v from 'valibot';
import { clientScopeSchema } from '../../admin/client-scopes/client-scope-schema.js';
import { clientSchema } from '../../admin/clients/client-schema.js';
import { groupSchema } from '../../admin/groups/group-schema.js';
import { protocolMapperSchema, stringMap } from '../../admin/protocol-mappers/mapper-schema.js';
import { roleSchema } from '../../admin/roles/role-representation.js';
import { importedUserSchema } from './user-schema.js';

const nullishString = v.nullish(v.string());
const nullishBoolean = v.nullish(v.boolean());
const javaInt = v.nullish(v.pipe(v.number(), v.integer()));
const javaLong = javaInt;
const stringList = v.nullish(v.array(v.string()));
/** Keycloak keeps these as given (flows, identity providers, policies): JSON objects, checked where used. */
const objectList = v.nullish(v.array(v.record(v.string(), v.unknown())));
const object = v.nullish(v.record(v.string(), v.unknown()));

/** ScopeMappingRepresentation (with the deprecated clientTemplate of Keycloak 3 exports). */
export const scopeMappingSchema = v.strictObject({
  self: nullishString,
  client: nullishString,
  clientTemplate: nullishString,
  clientScope: nullishString,
  roles: stringList,
});

/** ComponentExportRepresentation: a realm component with its sub-components by provider type. */
type ComponentExportShape = {
  id?: string | null;
  name?: string | null;
  providerId?: string | null;
  subType?: string | null;
  subComponents?: Record<string, ComponentExportShape[]> | null;
  config?: Record<string, string[] | null> | null;
};
export const componentExportSchema: v.GenericSchema<ComponentExportShape> = v.strictObject({
  id: nullishString,
  name: nullishString,
  providerId: nullishString,
  subType: nullishString,
  subComponents: v.nullish(v.record(v.string(), v.array(v.lazy(() => componentExportSchema)))),
  config: v.nullish(v.record(v.string(), v.nullable(v.array(v.string())))),
});

const roleList = v.array(roleSchema);
const rolesSchema = v.strictObject({
  realm: v.nullish(roleList),
  client: v.nullish(v.record(v.string(), roleList)),
  /** Keycloak 1.x's name for client roles. */
  application: v.nullish(v.record(v.string(), roleList)),
});

/** ClaimRepresentation of Keycloak 1.x applications and OAuth clients (turned into protocol mappers). */
const claimSchema = v.strictObject(
  Object.fromEntries(
    ['name', 'username', 'profile', 'picture', 'website', 'email', 'gender', 'locale', 'address', 'phone'].map((claim) => [claim, nullishBoolean]),
  ),
);
/** ApplicationRepresentation / OAuthClientRepresentation: a client whose clientId is its `name`. */
const applicationSchema = v.strictObject({ ...clientSchema.entries, claims: v.nullish(claimSchema) });

/** ClientTemplateRepresentation (Keycloak 3), which import turns into a client scope. */
const clientTemplateSchema = v.strictObject({
  id: nullishString,
  name: nullishString,
  description: nullishString,
  protocol: nullishString,
  fullScopeAllowed: nullishBoolean,
  bearerOnly: nullishBoolean,
  consentRequired: nullishBoolean,
  standardFlowEnabled: nullishBoolean,
  implicitFlowEnabled: nullishBoolean,
  directAccessGrantsEnabled: nullishBoolean,
  serviceAccountsEnabled: nullishBoolean,
  publicClient: nullishBoolean,
  frontchannelLogout: nullishBoolean,
  attributes: v.nullish(stringMap),
  protocolMappers: v.nullish(v.array(protocolMapperSchema)),
});

/**
 * Keycloak 26's RealmRepresentation (core/.../representations/idm/RealmRepresentation.java) field for
 * field, with the fields of the 26.x releases' admin client and the deprecated ones old exports carry
 * (applications, oauthClients, clientTemplates, social, defaultRoles, ...). A field Keycloak does not
 * have is `Unrecognized field`. Users, clients, client scopes, roles and groups are checked by the same
 * schemas as their own admin resources; flows, identity providers and policies are kept as given.
 */
export const realmSchema = v.strictObject({
  id: nullishString,
  realm: nullishString,
  displayName: nullishString,
  displayNameHtml: nullishString,
  notBefore: javaInt,
  defaultSignatureAlgorithm: nullishString,
  revokeRefreshToken: nullishBoolean,
  refreshTokenMaxReuse: javaInt,
  accessTokenLifespan: javaInt,
  accessTokenLifespanForImplicitFlow: javaInt,
  ssoSessionIdleTimeout: javaInt,
  ssoSessionMaxLifespan: javaInt,
  ssoSessionIdleTimeoutRememberMe: javaInt,
  ssoSessionMaxLifespanRememberMe: javaInt,
  offlineSessionIdleTimeout: javaInt,
  offlineSessionMaxLifespanEnabled: nullishBoolean,
  offlineSessionMaxLifespan: javaInt,
  clientSessionIdleTimeout: javaInt,
  clientSessionMaxLifespan: javaInt,
  clientOfflineSessionIdleTimeout: javaInt,
  clientOfflineSessionMaxLifespan: javaInt,
  accessCodeLifespan: javaInt,
  accessCodeLifespanUserAction: javaInt,
  accessCodeLifespanLogin: javaInt,
  actionTokenGeneratedByAdminLifespan: javaInt,
  actionTokenGeneratedByUserLifespan: javaInt,
  oauth2DeviceCodeLifespan: javaInt,
  oauth2DevicePollingInterval: javaInt,
  enabled: nullishBoolean,
  sslRequired: nullishString,
  passwordCredentialGrantAllowed: nullishBoolean,
  registrationAllowed: nullishBoolean,
  registrationEmailAsUsername: nullishBoolean,
  rememberMe: nullishBoolean,
  verifyEmail: nullishBoolean,
  loginWithEmailAllowed: nullishBoolean,
  duplicateEmailsAllowed: nullishBoolean,
  resetPasswordAllowed: nullishBoolean,
  editUsernameAllowed: nullishBoolean,
  userCacheEnabled: nullishBoolean,
  realmCacheEnabled: nullishBoolean,
  bruteForceProtected: nullishBoolean,
  permanentLockout: nullishBoolean,
  maxTemporaryLockouts: javaInt,
  bruteForceStrategy: v.nullish(v.picklist(['LINEAR', 'MULTIPLE'])),
  maxFailureWaitSeconds: javaInt,
  minimumQuickLoginWaitSeconds: javaInt,
  waitIncrementSeconds: javaInt,
  quickLoginCheckMilliSeconds: javaLong,
  maxDeltaTimeSeconds: javaInt,
  failureFactor: javaInt,
  maxSecondaryAuthFailures: javaInt,
  privateKey: nullishString,
  publicKey: nullishString,
  certificate: nullishString,
  codeSecret: nullishString,
  roles: v.nullish(rolesSchema),
  groups: v.nullish(v.array(groupSchema)),
  defaultRoles: stringList,
  defaultRole: v.nullish(roleSchema),
  adminPermissionsClient: v.nullish(clientSchema),
  defaultGroups: stringList,
  requiredCredentials: stringList,
  passwordPolicy: nullishString,
  otpPolicyType: nullishString,
  otpPolicyAlgorithm: nullishString,
  otpPolicyInitialCounter: javaInt,
  otpPolicyDigits: javaInt,
  otpPolicyLookAheadWindow: javaInt,
  otpPolicyPeriod: javaInt,
  otpPolicyCodeReusable: nullishBoolean,
  otpSupportedApplications: stringList,
  localizationTexts: v.nullish(v.record(v.string(), v.record(v.string(), v.string()))),
  webAuthnPolicyRpEntityName: nullishString,
  webAuthnPolicySignatureAlgorithms: stringList,
  webAuthnPolicyRpId: nullishString,
  webAuthnPolicyAttestationConveyancePreference: nullishString,
  webAuthnPolicyAuthenticatorAttachment: nullishString,
  webAuthnPolicyRequireResidentKey: nullishString,
  webAuthnPolicyResidentKey: nullishString,
  webAuthnPolicyUserVerificationRequirement: nullishString,
  webAuthnPolicyCreateTimeout: javaInt,
  webAuthnPolicyAvoidSameAuthenticatorRegister: nullishBoolean,
  webAuthnPolicyAcceptableAaguids: stringList,
  webAuthnPolicyExtraOrigins: stringList,
  webAuthnPolicyPasswordlessRpEntityName: nullishString,
  webAuthnPolicyPasswordlessSignatureAlgorithms: stringList,
  webAuthnPolicyPasswordlessRpId: nullishString,
  webAuthnPolicyPasswordlessAttestationConveyancePreference: nullishString,
  webAuthnPolicyPasswordlessAuthenticatorAttachment: nullishString,
  webAuthnPolicyPasswordlessRequireResidentKey: nullishString,
  webAuthnPolicyPasswordlessResidentKey: nullishString,
  webAuthnPolicyPasswordlessUserVerificationRequirement: nullishString,
  webAuthnPolicyPasswordlessCreateTimeout: javaInt,
  webAuthnPolicyPasswordlessAvoidSameAuthenticatorRegister: nullishBoolean,
  webAuthnPolicyPasswordlessAcceptableAaguids: stringList,
  webAuthnPolicyPasswordlessExtraOrigins: stringList,
  webAuthnPolicyPasswordlessPasskeysEnabled: nullishBoolean,
  clientProfiles: object,
  clientPolicies: object,
  users: v.nullish(v.array(importedUserSchema)),
  federatedUsers: v.nullish(v.array(importedUserSchema)),
  scopeMappings: v.nullish(v.array(scopeMappingSchema)),
  clientScopeMappings: v.nullish(v.record(v.string(), v.array(scopeMappingSchema))),
  clients: v.nullish(v.array(clientSchema)),
  clientScopes: v.nullish(v.array(clientScopeSchema)),
  defaultDefaultClientScopes: stringList,
  defaultOptionalClientScopes: stringList,
  browserSecurityHeaders: v.nullish(stringMap),
  smtpServer: v.nullish(stringMap),
  userFederationProviders: objectList,
  userFederationMappers: objectList,
  loginTheme: nullishString,
  accountTheme: nullishString,
  adminTheme: nullishString,
  emailTheme: nullishString,
  eventsEnabled: nullishBoolean,
  eventsExpiration: javaLong,
  eventsListeners: stringList,
  enabledEventTypes: stringList,
  adminEventsEnabled: nullishBoolean,
  adminEventsDetailsEnabled: nullishBoolean,
  identityProviders: objectList,
  identityProviderMappers: objectList,
  protocolMappers: v.nullish(v.array(protocolMapperSchema)),
  components: v.nullish(v.record(v.string(), v.array(componentExportSchema))),
  internationalizationEnabled: nullishBoolean,
  supportedLocales: stringList,
  defaultLocale: nullishString,
  authenticationFlows: objectList,
  authenticatorConfig: objectList,
  requiredActions: objectList,
  browserFlow: nullishString,
  registrationFlow: nullishString,
  directGrantFlow: nullishString,
  resetCredentialsFlow: nullishString,
  clientAuthenticationFlow: nullishString,
  dockerAuthenticationFlow: nullishString,
  firstBrokerLoginFlow: nullishString,
  attributes: v.nullish(stringMap),
  keycloakVersion: nullishString,
  userManagedAccessAllowed: nullishBoolean,
  organizationsEnabled: nullishBoolean,
  organizations: objectList,
  verifiableCredentialsEnabled: nullishBoolean,
  oid4VciEnabled: nullishBoolean,
  adminPermissionsEnabled: nullishBoolean,
  scimApiEnabled: nullishBoolean,
  social: nullishBoolean,
  updateProfileOnInitialSocialLogin: nullishBoolean,
  socialProviders: v.nullish(stringMap),
  applicationScopeMappings: v.nullish(v.record(v.string(), v.array(scopeMappingSchema))),
  applications: v.nullish(v.array(applicationSchema)),
  oauthClients: v.nullish(v.array(applicationSchema)),
  clientTemplates: v.nullish(v.array(clientTemplateSchema)),
});

export type RealmInput = v.InferOutput<typeof realmSchema>;

/** The realm fields that hold content rather than settings: import writes them as items, never into the realm item. */
export const contentFields = [
  'users',
  'federatedUsers',
  'clients',
  'clientScopes',
  'roles',
  'groups',
  'scopeMappings',
  'clientScopeMappings',
  'defaultDefaultClientScopes',
  'defaultOptionalClientScopes',
  'defaultGroups',
  'defaultRoles',
  'defaultRole',
  'components',
  'applications',
  'oauthClients',
  'clientTemplates',
  'applicationScopeMappings',
  'adminPermissionsClient',
  'keycloakVersion',
  'privateKey',
  'publicKey',
  'certificate',
  'codeSecret',
  'social',
  'socialProviders',
  'updateProfileOnInitialSocialLogin',
] as const;
