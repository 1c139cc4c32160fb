import { randomUUID } from 'node:crypto';
import type { ClientRepresentation } from '../model/client.js';
import { clientCreationWrites, clientRecord } from '../store/clients.js';
import { realmKey } from '../store/keys.js';
import type { Store, TransactWrite } from '../store/store.js';
import { userCreationWrites, userRoleMappingItem } from '../store/users.js';
import { realmConfigChanged } from './config-changes.js';
import type { RealmConfig } from './realm-config.js';

export const OIDC_PROTOCOL = 'openid-connect';
/** ServiceAccountConstants: the service-account user's name prefix and the scope such clients get. */
export const SERVICE_ACCOUNT_USER_PREFIX = 'service-account-';
export const SERVICE_ACCOUNT_SCOPE = 'service_account';
/** ClientSecretConstants.CLIENT_SECRET_CREATION_TIME, set whenever Keycloak generates a secret. */
export const SECRET_CREATION_TIME = 'client.secret.creation.time';
/** Constants.AUTH_BASE_URL_PROP / AUTH_ADMIN_URL_PROP: root URLs that are placeholders, not addresses. */
const ROOT_URL_PLACEHOLDERS = new Set(['${authBaseUrl}', '${authAdminUrl}']);

/**
 * Representation fields that are not part of the client model: request-only (access, origin, the
 * registration token), deprecated template settings, and authorization settings Gatehouse does not
 * implement. Keycloak never returns them from the stored client, so they are not kept.
 */
const NOT_STORED = [
  'access', 'origin', 'registrationAccessToken', 'authorizationSettings', 'clientTemplate', 'useTemplateConfig',
  'useTemplateScope', 'useTemplateMappers', 'directGrantsOnly', 'defaultRoles',
] as const;

/** What a new client is stored as: its representation and the writes that create it (no config bump). */
export interface ClientCreationPlan {
  readonly rep: ClientRepresentation & { id: string };
  readonly writes: TransactWrite[];
}

/**
 * Plans a client's creation as Keycloak's ClientManager.createClient does (RepresentationToModel.createClient,
 * then the protocol's setupClientDefaults when the representation names a protocol), followed by
 * ClientManager.enableServiceAccount when service accounts are on: defaults filled in, a generated
 * secret for confidential clients, the realm's default and optional client scopes of the client's
 * protocol (unless the representation lists its own), and the service-account user.
 */
export function planClientCreation(realm: RealmConfig, given: ClientRepresentation): ClientCreationPlan {
  const rep = newClientRepresentation(given);
  const scopes = initialScopeIds(realm, given, rep.protocol ?? OIDC_PROTOCOL);
  let serviceAccountUserId: string | undefined;
  const userWrites: TransactWrite[] = [];
  if (rep.serviceAccountsEnabled) {
    const account = serviceAccountWrites(realm, rep);
    serviceAccountUserId = account.userId;
    userWrites.push(...account.writes);
    const serviceScope = scopeIdNamed(realm, SERVICE_ACCOUNT_SCOPE);
    if (serviceScope) {
      scopes.optionalIds = scopes.optionalIds.filter((id) => id !== serviceScope);
      if (!scopes.defaultIds.includes(serviceScope)) scopes.defaultIds.push(serviceScope);
    }
  }
  const writes = [...clientCreationWrites(clientRecord(realm.realm.id, rep, serviceAccountUserId), scopes), ...userWrites];
  return { rep, writes };
}

/** Creates a client in one transaction that also bumps the realm's configVersion (fixtures, imports). */
export async function createClient(store: Store, realm: RealmConfig, given: ClientRepresentation): Promise<ClientRepresentation & { id: string }> {
  const plan = planClientCreation(realm, given);
  await store.transact([...plan.writes, { kind: 'bumpConfigVersion', key: realmKey(realm.realm.id) }]);
  realmConfigChanged(realm.realm.id);
  return plan.rep;
}

/**
 * RepresentationToModel.createClient's defaults for what a representation leaves out — shared by the
 * Admin API and realm import, which both create clients through it in Keycloak.
 */
export function clientModelDefaults(given: ClientRepresentation): ClientRepresentation & { id: string } {
  return {
    ...given,
    id: given.id ?? randomUUID(),
    surrogateAuthRequired: given.surrogateAuthRequired ?? false,
    enabled: given.enabled ?? true,
    alwaysDisplayInConsole: given.alwaysDisplayInConsole ?? false,
    clientAuthenticatorType: given.clientAuthenticatorType ?? 'client-secret',
    redirectUris: [...(given.redirectUris ?? [])],
    // Without web origins, those of the redirect URIs.
    webOrigins: given.webOrigins ? [...given.webOrigins] : originsOf(given.redirectUris ?? []),
    notBefore: given.notBefore ?? 0,
    bearerOnly: given.bearerOnly ?? false,
    consentRequired: given.consentRequired ?? false,
    standardFlowEnabled: given.standardFlowEnabled ?? true,
    implicitFlowEnabled: given.implicitFlowEnabled ?? false,
    directAccessGrantsEnabled: given.directAccessGrantsEnabled ?? false,
    serviceAccountsEnabled: given.serviceAccountsEnabled ?? false,
    publicClient: given.publicClient ?? false,
    frontchannelLogout: given.frontchannelLogout ?? false,
    protocol: given.protocol ?? OIDC_PROTOCOL,
    attributes: { ...(given.attributes ?? {}) },
    authenticationFlowBindingOverrides: { ...(given.authenticationFlowBindingOverrides ?? {}) },
    fullScopeAllowed: given.fullScopeAllowed ?? !(given.consentRequired ?? false),
    nodeReRegistrationTimeout: given.nodeReRegistrationTimeout ?? -1,
    protocolMappers: (given.protocolMappers ?? []).map((mapper) => ({ ...mapper, id: mapper.id ?? randomUUID() })),
  };
}

/** RepresentationToModel.createClient's defaults, then OIDCLoginProtocolFactory.setupClientDefaults. */
function newClientRepresentation(given: ClientRepresentation): ClientRepresentation & { id: string } {
  const rep = clientModelDefaults(given);
  // Deprecated directGrantsOnly still picks the flows (RepresentationToModel.createClient).
  if (typeof given.directGrantsOnly === 'boolean') {
    rep.standardFlowEnabled = !given.directGrantsOnly;
    rep.directAccessGrantsEnabled = given.directGrantsOnly;
  }
  for (const field of NOT_STORED) delete rep[field];
  if (given.protocol === OIDC_PROTOCOL) applyOidcDefaults(given, rep);
  if (given.secret != null) rep.secret = given.secret;
  else if (rep.publicClient || rep.bearerOnly) delete rep.secret;
  else withNewSecret(rep);
  return rep;
}

/**
 * OIDCLoginProtocolFactory.setupClientDefaults (only when the representation names the protocol):
 * a client that says neither bearer-only nor public is public, and gets the direct grant on; a root
 * URL without redirect URIs gives `root/*` and its origin.
 */
function applyOidcDefaults(given: ClientRepresentation, rep: ClientRepresentation): void {
  if (given.rootUrl != null && (given.redirectUris == null || given.redirectUris.length === 0)) {
    const root = given.rootUrl.endsWith('/') ? `${given.rootUrl}*` : `${given.rootUrl}/*`;
    rep.redirectUris = [root];
    rep.webOrigins = originsOf([root]);
  }
  if (given.bearerOnly == null && given.publicClient == null) rep.publicClient = true;
  if (given.adminUrl == null && given.rootUrl != null && !ROOT_URL_PLACEHOLDERS.has(given.rootUrl)) rep.adminUrl = given.rootUrl;
  if (given.directAccessGrantsEnabled == null) rep.directAccessGrantsEnabled = true;
  if (rep.attributes!['backchannel.logout.url'] == null) {
    rep.attributes!['backchannel.logout.session.required'] ??= 'true';
    rep.attributes!['backchannel.logout.revoke.offline.tokens'] ??= 'false';
  }
}

/** KeycloakModelUtils.generateSecret: a new secret and the time it was made. */
export function withNewSecret(rep: ClientRepresentation): string {
  rep.secret = randomSecret();
  rep.attributes = { ...(rep.attributes ?? {}), [SECRET_CREATION_TIME]: String(Math.floor(Date.now() / 1000)) };
  return rep.secret;
}

/** The web origins Keycloak derives from redirect URIs (UriUtils.getOrigin of each http(s) URI). */
function originsOf(redirectUris: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const uri of redirectUris) {
    if (!uri.startsWith('http')) continue;
    try {
      origins.add(new URL(uri.replace(/\*+$/, '')).origin);
    } catch {
      // Not a URL Keycloak could take an origin from either; it contributes none.
    }
  }
  return [...origins];
}

/**
 * The scope assignments of a new client (RepresentationToModel.updateClientScopes): the lists the
 * representation gives replace the realm's defaults entirely, by name; only existing scopes of the
 * client's protocol are assigned (ClientAdapter.addClientScopes skips the others), each once.
 */
function initialScopeIds(realm: RealmConfig, given: ClientRepresentation, protocol: string): { defaultIds: string[]; optionalIds: string[] } {
  const ofProtocol = new Map(
    realm.clientScopes.filter((scope) => (scope.rep.protocol ?? OIDC_PROTOCOL) === protocol).map((scope) => [scope.rep.id, scope.rep.name]),
  );
  if (given.defaultClientScopes == null && given.optionalClientScopes == null) {
    const realmIds = (isDefault: boolean) => realm.defaultScopes.filter((s) => s.isDefault === isDefault && ofProtocol.has(s.scopeId)).map((s) => s.scopeId);
    return { defaultIds: realmIds(true), optionalIds: realmIds(false) };
  }
  const idByName = new Map([...ofProtocol].map(([id, name]) => [name, id]));
  const assigned = new Set<string>();
  const idsOf = (names: readonly string[] | undefined): string[] => {
    const ids: string[] = [];
    for (const id of (names ?? []).map((name) => idByName.get(name))) {
      if (id === undefined || assigned.has(id)) continue;
      assigned.add(id);
      ids.push(id);
    }
    return ids;
  };
  const defaultIds = idsOf(given.defaultClientScopes);
  return { defaultIds, optionalIds: idsOf(given.optionalClientScopes) };
}

export function scopeIdNamed(realm: RealmConfig, name: string): string | undefined {
  return realm.clientScopes.find((scope) => scope.rep.name === name)?.rep.id;
}

/**
 * ClientManager.enableServiceAccount's user: `service-account-{clientId}`, enabled, linked to the
 * client, holding the realm's default role like every new user (UserProvider.addUser).
 */
export function serviceAccountWrites(realm: RealmConfig, client: ClientRepresentation & { id: string }): { userId: string; writes: TransactWrite[] } {
  const userId = randomUUID();
  const username = `${SERVICE_ACCOUNT_USER_PREFIX}${client.clientId}`;
  const writes = userCreationWrites(
    realm.realm.id,
    { id: userId, username, enabled: true, emailVerified: false, createdTimestamp: Date.now(), requiredActions: [], notBefore: 0, serviceAccountClientId: client.id },
    [],
    { uniqueEmail: false },
  );
  const defaultRoleId = (realm.realm.rep.defaultRole as { id?: string } | undefined)?.id;
  if (defaultRoleId) writes.push({ kind: 'put', item: userRoleMappingItem(realm.realm.id, userId, { roleId: defaultRoleId }) });
  return { userId, writes };
}

/** Keycloak's generated client secrets: 32 random alphanumerics (SecretGenerator), without modulo bias. */
function randomSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let secret = '';
  while (secret.length < 32) {
    for (const byte of crypto.getRandomValues(new Uint8Array(48))) {
      // 248 = 4 × 62: bytes above it would favour the first letters, so they are drawn again.
      if (byte < 248 && secret.length < 32) secret += alphabet[byte % alphabet.length];
    }
  }
  return secret;
}
