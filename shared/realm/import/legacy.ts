import { fromDeprecatedPasswordRepresentation } from '../../crypto/password/index.js';
import type { RealmInput } from './realm-schema.js';
import type { CredentialInput, ImportedUser } from './user-schema.js';

type Client = NonNullable<RealmInput['clients']>[number];

/**
 * The conversions Keycloak's import applies to representations written by older versions
 * (DefaultExportImportManager.convertDeprecated*, RepresentationToModel.convertDeprecatedCredentialsFormat),
 * so a realm file from Keycloak 1.x-9 imports as its current equivalent:
 * - `applications` and `oauthClients` become clients (`name` is the clientId; OAuth clients need consent
 *   and get no full scope); `claims` masks are dropped — the realm's default client scopes carry those claims;
 * - `roles.application`, `applicationScopeMappings`, users' `applicationRoles` and composites' `application`
 *   become their `client` counterparts; `clientTemplates` become client scopes, and a client's
 *   `clientTemplate` one of its default scopes;
 * - `social` + `socialProviders` become identity providers, users' `socialLinks` federated identities;
 * - password credentials in the pre-9 form (hashedSaltedValue, salt, hashIterations, algorithm) and OTP
 *   credentials (value, digits, period, counter, algorithm) get Keycloak's secretData / credentialData.
 * Returns a new representation; the input is left as it was.
 */
export function withoutLegacyFields(given: RealmInput): RealmInput {
  const rep: RealmInput = structuredClone(given);
  convertSocialProviders(rep);
  convertApplications(rep);
  convertClientTemplates(rep);
  for (const user of rep.users ?? []) convertUser(user);
  return rep;
}

function convertApplications(rep: RealmInput): void {
  const legacy = [...(rep.applications ?? []).map((app) => ({ app, oauth: false })), ...(rep.oauthClients ?? []).map((app) => ({ app, oauth: true }))];
  if (legacy.length > 0) {
    rep.clients ??= [];
    for (const { app, oauth } of legacy) {
      const { claims: _claims, name, ...client } = app;
      const converted: Client = { ...client, clientId: client.clientId ?? name ?? null };
      if (oauth) Object.assign(converted, { consentRequired: true, fullScopeAllowed: false });
      rep.clients.push(converted);
    }
  }
  delete rep.applications;
  delete rep.oauthClients;
  if (rep.applicationScopeMappings && !rep.clientScopeMappings) rep.clientScopeMappings = rep.applicationScopeMappings;
  delete rep.applicationScopeMappings;
  if (rep.roles) {
    if (rep.roles.application && !rep.roles.client) rep.roles.client = rep.roles.application;
    delete rep.roles.application;
    const all = [...(rep.roles.realm ?? []), ...Object.values(rep.roles.client ?? {}).flat()];
    for (const role of all) {
      if (!role.composites) continue;
      if (role.composites.application && !role.composites.client) role.composites.client = role.composites.application;
      delete role.composites.application;
    }
  }
  for (const mapping of rep.scopeMappings ?? []) {
    if (mapping.clientTemplate && !mapping.clientScope) mapping.clientScope = mapping.clientTemplate;
    delete mapping.clientTemplate;
  }
}

function convertClientTemplates(rep: RealmInput): void {
  if (rep.clientTemplates) {
    rep.clientScopes = rep.clientTemplates.map((template) => ({
      id: template.id ?? null,
      name: template.name ?? null,
      protocol: template.protocol ?? null,
      description: template.description ?? null,
      attributes: template.attributes ?? null,
      protocolMappers: template.protocolMappers ?? null,
    }));
  }
  delete rep.clientTemplates;
  for (const client of rep.clients ?? []) {
    if (client.clientTemplate) {
      const defaults = client.defaultClientScopes ?? [];
      if (!defaults.includes(client.clientTemplate)) client.defaultClientScopes = [...defaults, client.clientTemplate];
    }
    delete client.clientTemplate;
    delete client.useTemplateConfig;
    delete client.useTemplateScope;
    delete client.useTemplateMappers;
  }
}

function convertSocialProviders(rep: RealmInput): void {
  if (rep.social === true && rep.socialProviders && !rep.identityProviders) {
    const providers = rep.socialProviders;
    rep.identityProviders = Object.keys(providers)
      .filter((key) => key.endsWith('.key'))
      .map((key) => {
        const alias = key.split('.')[0]!;
        return {
          alias,
          providerId: alias,
          enabled: true,
          linkOnly: false,
          updateProfileFirstLogin: rep.updateProfileOnInitialSocialLogin === true,
          config: { clientId: providers[key], clientSecret: providers[key.replace(/\.key$/, '.secret')] },
        };
      });
  }
  delete rep.social;
  delete rep.socialProviders;
  delete rep.updateProfileOnInitialSocialLogin;
}

function convertUser(user: ImportedUser): void {
  if (user.applicationRoles && !user.clientRoles) user.clientRoles = user.applicationRoles;
  delete user.applicationRoles;
  if (user.socialLinks && user.socialLinks.length > 0 && !user.federatedIdentities) {
    user.federatedIdentities = user.socialLinks.map((link) => ({
      identityProvider: link.socialProvider ?? null,
      userId: link.socialUserId ?? null,
      userName: link.socialUsername ?? null,
    }));
  }
  delete user.socialLinks;
  if (user.credentials) user.credentials = user.credentials.map(convertCredential);
}

/** RepresentationToModel.convertDeprecatedCredentialsFormat: only credentials without credentialData are old. */
function convertCredential(credential: CredentialInput): CredentialInput {
  if (credential.credentialData || (credential.hashedSaltedValue == null && !isOtp(credential.type))) return stripDeprecated(credential);
  if (credential.type === 'password' || credential.type === 'password-history') {
    if (credential.hashedSaltedValue == null) return stripDeprecated(credential);
    const converted = fromDeprecatedPasswordRepresentation({
      hashedSaltedValue: credential.hashedSaltedValue,
      salt: credential.salt ?? null,
      hashIterations: credential.hashIterations ?? 0,
      algorithm: credential.algorithm ?? null,
    });
    return stripDeprecated({ ...credential, ...converted });
  }
  if (isOtp(credential.type) && credential.value != null) {
    // OTPCredentialModel: the shared secret as secretData, the generator settings as credentialData.
    const secretData = JSON.stringify({ value: credential.value });
    const credentialData = JSON.stringify({
      subType: credential.type,
      digits: credential.digits ?? 6,
      counter: credential.counter ?? 0,
      period: credential.period ?? 30,
      algorithm: credential.algorithm ?? 'HmacSHA1',
    });
    return stripDeprecated({ ...credential, type: 'otp', value: null, secretData, credentialData });
  }
  return stripDeprecated(credential);
}

function isOtp(type: string | null | undefined): boolean {
  return type === 'totp' || type === 'hotp';
}

function stripDeprecated(credential: CredentialInput): CredentialInput {
  const { device: _d, hashedSaltedValue: _h, salt: _s, hashIterations: _i, counter: _c, algorithm: _a, digits: _g, period: _p, config: _f, ...current } = credential;
  return current;
}
