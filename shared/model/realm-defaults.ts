import type { RealmRepresentation } from './realm.js';

/**
 * What Keycloak 26 fills in on a realm created with only a name (RealmManager.setupRealmDefaults and
 * DefaultExportImportManager.importRealm), in the order GET /admin/realms/{realm} returns them.
 * `enabled` is absent on purpose: like Keycloak, a realm created without it is disabled.
 */
export const keycloakRealmDefaults = {
  notBefore: 0,
  defaultSignatureAlgorithm: 'RS256',
  revokeRefreshToken: false,
  refreshTokenMaxReuse: 0,
  accessTokenLifespan: 300,
  accessTokenLifespanForImplicitFlow: 900,
  ssoSessionIdleTimeout: 1800,
  ssoSessionMaxLifespan: 36000,
  ssoSessionIdleTimeoutRememberMe: 0,
  ssoSessionMaxLifespanRememberMe: 0,
  offlineSessionIdleTimeout: 2592000,
  offlineSessionMaxLifespanEnabled: false,
  offlineSessionMaxLifespan: 5184000,
  clientSessionIdleTimeout: 0,
  clientSessionMaxLifespan: 0,
  clientOfflineSessionIdleTimeout: 0,
  clientOfflineSessionMaxLifespan: 0,
  accessCodeLifespan: 60,
  accessCodeLifespanUserAction: 300,
  accessCodeLifespanLogin: 1800,
  actionTokenGeneratedByAdminLifespan: 43200,
  actionTokenGeneratedByUserLifespan: 300,
  oauth2DeviceCodeLifespan: 600,
  oauth2DevicePollingInterval: 5,
  sslRequired: 'external',
  registrationAllowed: false,
  registrationEmailAsUsername: false,
  rememberMe: false,
  verifyEmail: false,
  loginWithEmailAllowed: true,
  duplicateEmailsAllowed: false,
  resetPasswordAllowed: false,
  editUsernameAllowed: false,
  bruteForceProtected: false,
  permanentLockout: false,
  maxTemporaryLockouts: 0,
  bruteForceStrategy: 'MULTIPLE',
  maxFailureWaitSeconds: 900,
  minimumQuickLoginWaitSeconds: 60,
  waitIncrementSeconds: 60,
  quickLoginCheckMilliSeconds: 1000,
  maxDeltaTimeSeconds: 43200,
  failureFactor: 30,
  maxSecondaryAuthFailures: 0,
  requiredCredentials: ['password'],
  otpPolicyType: 'totp',
  otpPolicyAlgorithm: 'HmacSHA1',
  otpPolicyInitialCounter: 0,
  otpPolicyDigits: 6,
  otpPolicyLookAheadWindow: 1,
  otpPolicyPeriod: 30,
  otpPolicyCodeReusable: false,
  otpSupportedApplications: ['totpAppFreeOTPName', 'totpAppGoogleName', 'totpAppMicrosoftAuthenticatorName'],
  webAuthnPolicyRpEntityName: 'keycloak',
  webAuthnPolicySignatureAlgorithms: ['ES256', 'RS256'],
  webAuthnPolicyRpId: '',
  webAuthnPolicyAttestationConveyancePreference: 'not specified',
  webAuthnPolicyAuthenticatorAttachment: 'not specified',
  webAuthnPolicyRequireResidentKey: 'not specified',
  webAuthnPolicyResidentKey: 'not specified',
  webAuthnPolicyUserVerificationRequirement: 'not specified',
  webAuthnPolicyCreateTimeout: 0,
  webAuthnPolicyAvoidSameAuthenticatorRegister: false,
  webAuthnPolicyAcceptableAaguids: [],
  webAuthnPolicyExtraOrigins: [],
  webAuthnPolicyPasswordlessRpEntityName: 'keycloak',
  webAuthnPolicyPasswordlessSignatureAlgorithms: ['ES256', 'RS256'],
  webAuthnPolicyPasswordlessRpId: '',
  webAuthnPolicyPasswordlessAttestationConveyancePreference: 'not specified',
  webAuthnPolicyPasswordlessAuthenticatorAttachment: 'not specified',
  webAuthnPolicyPasswordlessRequireResidentKey: 'not specified',
  webAuthnPolicyPasswordlessResidentKey: 'required',
  webAuthnPolicyPasswordlessUserVerificationRequirement: 'required',
  webAuthnPolicyPasswordlessCreateTimeout: 0,
  webAuthnPolicyPasswordlessAvoidSameAuthenticatorRegister: false,
  webAuthnPolicyPasswordlessAcceptableAaguids: [],
  webAuthnPolicyPasswordlessExtraOrigins: [],
  browserSecurityHeaders: {
    contentSecurityPolicyReportOnly: '',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    xRobotsTag: 'none',
    xFrameOptions: 'SAMEORIGIN',
    contentSecurityPolicy: "frame-src 'self'; frame-ancestors 'self'; object-src 'none';",
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  },
  smtpServer: {},
  eventsEnabled: false,
  eventsListeners: ['jboss-logging'],
  enabledEventTypes: [],
  adminEventsEnabled: false,
  adminEventsDetailsEnabled: false,
  internationalizationEnabled: false,
  browserFlow: 'browser',
  registrationFlow: 'registration',
  directGrantFlow: 'direct grant',
  resetCredentialsFlow: 'reset credentials',
  clientAuthenticationFlow: 'clients',
  dockerAuthenticationFlow: 'docker auth',
  firstBrokerLoginFlow: 'first broker login',
  attributes: {
    cibaBackchannelTokenDeliveryMode: 'poll',
    cibaExpiresIn: '120',
    cibaAuthRequestedUserHint: 'login_hint',
    oauth2DeviceCodeLifespan: '600',
    oauth2DevicePollingInterval: '5',
    parRequestUriLifespan: '60',
    cibaInterval: '5',
    realmReusableOtpCode: 'false',
  },
  userManagedAccessAllowed: false,
  organizationsEnabled: false,
  verifiableCredentialsEnabled: false,
  adminPermissionsEnabled: false,
  clientProfiles: { profiles: [] },
  clientPolicies: { policies: [] },
} as const satisfies RealmRepresentation;

/** Master differs from other realms: shorter access tokens (60 s), a display name, enabled. */
export const masterRealmOverrides: RealmRepresentation = {
  displayName: 'Gatehouse',
  displayNameHtml: '<div class="kc-logo-text"><span>Gatehouse</span></div>',
  enabled: true,
  accessTokenLifespan: 60,
};

/**
 * A complete representation: Keycloak's defaults under whatever the caller gave. Nested objects the
 * caller gave replace the default whole, as Keycloak's import does.
 */
export function withRealmDefaults<T extends RealmRepresentation>(given: T): T & typeof keycloakRealmDefaults {
  const defaults = structuredClone(keycloakRealmDefaults) as Record<string, unknown>;
  const merged: Record<string, unknown> = { id: given.id, realm: given.realm, ...defaults };
  for (const [field, value] of Object.entries(given)) if (value !== undefined && value !== null) merged[field] = value;
  return merged as T & typeof keycloakRealmDefaults;
}

/**
 * Keycloak's ReservedCharValidator: realm names (and ids) may not contain URL-reserved characters.
 * Returns Keycloak's message for the first offending character, or undefined when the name is fine.
 */
export function realmNameProblem(name: string | undefined): string | undefined {
  if (name === undefined || name.trim() === '') return 'Realm name cannot be empty';
  const reserved = /[:/?#@!$&()*+,;=[\]\\]/.exec(name);
  if (reserved) return `Character '${reserved[0]}' not allowed.`;
  // Keycloak's REALM.NAME column is varchar(255); longer names fail there, here they fail cleanly.
  if (name.length > 255) return 'Realm name is too long (255 characters at most)';
  return undefined;
}
