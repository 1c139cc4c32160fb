import * as v from 'valibot';
import { protocolMapperSchema, stringMap } from '../protocol-mappers/mapper-schema.js';

const nullishBoolean = v.nullish(v.boolean());
const nullishString = v.nullish(v.string());
const javaInt = v.pipe(v.number(), v.integer());
const stringList = v.nullish(v.array(v.string()));

/**
 * Keycloak 26's ClientRepresentation (core/.../representations/idm/ClientRepresentation.java), field for
 * field: anything else is `Unrecognized field`, a wrong type a 400 naming the field. Every field is
 * optional and nullable, as Jackson reads it. Authorization settings are accepted as Keycloak's admin
 * console sends them, and kept as given.
 */
export const clientSchema = v.strictObject({
  id: nullishString,
  clientId: nullishString,
  name: nullishString,
  description: nullishString,
  type: nullishString,
  rootUrl: nullishString,
  adminUrl: nullishString,
  baseUrl: nullishString,
  surrogateAuthRequired: nullishBoolean,
  enabled: nullishBoolean,
  alwaysDisplayInConsole: nullishBoolean,
  clientAuthenticatorType: nullishString,
  secret: nullishString,
  registrationAccessToken: nullishString,
  defaultRoles: stringList,
  redirectUris: stringList,
  webOrigins: stringList,
  notBefore: v.nullish(javaInt),
  bearerOnly: nullishBoolean,
  consentRequired: nullishBoolean,
  standardFlowEnabled: nullishBoolean,
  implicitFlowEnabled: nullishBoolean,
  directAccessGrantsEnabled: nullishBoolean,
  serviceAccountsEnabled: nullishBoolean,
  authorizationServicesEnabled: nullishBoolean,
  directGrantsOnly: nullishBoolean,
  publicClient: nullishBoolean,
  frontchannelLogout: nullishBoolean,
  protocol: nullishString,
  attributes: v.nullish(stringMap),
  authenticationFlowBindingOverrides: v.nullish(stringMap),
  fullScopeAllowed: nullishBoolean,
  nodeReRegistrationTimeout: v.nullish(javaInt),
  registeredNodes: v.nullish(v.record(v.string(), javaInt)),
  protocolMappers: v.nullish(v.array(protocolMapperSchema)),
  clientTemplate: nullishString,
  useTemplateConfig: nullishBoolean,
  useTemplateScope: nullishBoolean,
  useTemplateMappers: nullishBoolean,
  defaultClientScopes: stringList,
  optionalClientScopes: stringList,
  authorizationSettings: v.nullish(v.record(v.string(), v.unknown())),
  access: v.nullish(v.record(v.string(), v.boolean())),
  origin: nullishString,
});

export type ClientInput = v.InferOutput<typeof clientSchema>;
