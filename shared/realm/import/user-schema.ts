import * as v from 'valibot';

const nullishString = v.nullish(v.string());
const nullishBoolean = v.nullish(v.boolean());
const javaInt = v.pipe(v.number(), v.integer());
const javaLong = v.pipe(v.number(), v.integer());
const stringList = v.nullish(v.array(v.string()));
const stringLists = v.nullish(v.record(v.string(), v.nullable(v.array(v.string()))));

/**
 * Keycloak 26's CredentialRepresentation as a realm file carries it: the current fields (secretData and
 * credentialData are Keycloak's JSON strings, `value` a plain password to hash) and the deprecated ones
 * older exports wrote before Keycloak 9 (hashedSaltedValue, salt, hashIterations, algorithm, and the
 * OTP fields), which RepresentationToModel.convertDeprecatedCredentialsFormat still reads.
 */
export const credentialSchema = v.strictObject({
  id: nullishString,
  type: nullishString,
  userLabel: nullishString,
  createdDate: v.nullish(javaLong),
  secretData: nullishString,
  credentialData: nullishString,
  priority: v.nullish(javaInt),
  value: nullishString,
  temporary: nullishBoolean,
  federationLink: nullishString,
  device: nullishString,
  hashedSaltedValue: nullishString,
  salt: nullishString,
  hashIterations: v.nullish(javaInt),
  counter: v.nullish(javaInt),
  algorithm: nullishString,
  digits: v.nullish(javaInt),
  period: v.nullish(javaInt),
  config: stringLists,
});

export type CredentialInput = v.InferOutput<typeof credentialSchema>;

const federatedIdentitySchema = v.strictObject({
  identityProvider: nullishString,
  userId: nullishString,
  userName: nullishString,
});

/** The pre-Keycloak-2 link to a social provider (DefaultExportImportManager.convertDeprecatedSocialProviders). */
const socialLinkSchema = v.strictObject({
  socialProvider: nullishString,
  socialUserId: nullishString,
  socialUsername: nullishString,
});

const consentSchema = v.strictObject({
  clientId: nullishString,
  grantedClientScopes: stringList,
  createdDate: v.nullish(javaLong),
  lastUpdatedDate: v.nullish(javaLong),
  grantedRealmRoles: stringList,
  grantedClientRoles: stringLists,
});

/**
 * Keycloak 26's UserRepresentation (core/.../representations/idm/UserRepresentation.java and its
 * AbstractUserRepresentation) field for field, with the deprecated `socialLinks` and
 * `applicationRoles` old exports still carry; every field optional and nullable as Jackson reads it.
 */
export const importedUserSchema = v.strictObject({
  self: nullishString,
  id: nullishString,
  origin: nullishString,
  createdTimestamp: v.nullish(javaLong),
  username: nullishString,
  enabled: nullishBoolean,
  totp: nullishBoolean,
  emailVerified: nullishBoolean,
  firstName: nullishString,
  lastName: nullishString,
  email: nullishString,
  federationLink: nullishString,
  serviceAccountClientId: nullishString,
  attributes: stringLists,
  credentials: v.nullish(v.array(credentialSchema)),
  disableableCredentialTypes: stringList,
  requiredActions: stringList,
  federatedIdentities: v.nullish(v.array(federatedIdentitySchema)),
  realmRoles: stringList,
  clientRoles: stringLists,
  clientConsents: v.nullish(v.array(consentSchema)),
  notBefore: v.nullish(javaInt),
  applicationRoles: stringLists,
  socialLinks: v.nullish(v.array(socialLinkSchema)),
  groups: stringList,
  access: v.nullish(v.record(v.string(), v.boolean())),
  userProfileMetadata: v.nullish(v.record(v.string(), v.unknown())),
});

export type ImportedUser = v.InferOutput<typeof importedUserSchema>;
