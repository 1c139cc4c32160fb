import { randomUUID } from 'node:crypto';
import type { ClientRepresentation } from '../model/client.js';
import { clientCreationWrites, clientRecord } from '../store/clients.js';
import { realmKey } from '../store/keys.js';
import type { Store, TransactWrite } from '../store/store.js';
import { userCreationWrites, userRoleMappingItem } from '../store/users.js';
import { realmConfigChanged } from './config-changes.js';
import type { RealmConfig } from './realm-config.js';

/** Keycloak's ClientRepresentation defaults for a new OpenID Connect client (RepresentationToModel). */
const clientDefaults: Partial<ClientRepresentation> = {
  enabled: true,
  protocol: 'openid-connect',
  publicClient: false,
  bearerOnly: false,
  standardFlowEnabled: true,
  implicitFlowEnabled: false,
  directAccessGrantsEnabled: false,
  serviceAccountsEnabled: false,
  consentRequired: false,
  fullScopeAllowed: true,
  clientAuthenticatorType: 'client-secret',
  redirectUris: [],
  webOrigins: [],
  attributes: {},
  protocolMappers: [],
};

/**
 * Creates a client as Keycloak's ClientManager.createClient does: defaults filled in, a generated
 * secret for confidential clients, the realm's default and optional client scopes (unless the
 * representation names its own), and — with service accounts on — the service-account user
 * `service-account-{clientId}` holding the realm's default role. One transaction, bumping the realm's
 * configVersion.
 */
export async function createClient(store: Store, realm: RealmConfig, given: ClientRepresentation): Promise<ClientRepresentation & { id: string }> {
  const id = given.id ?? randomUUID();
  const rep: ClientRepresentation & { id: string } = {
    ...clientDefaults,
    ...given,
    id,
    ...(given.publicClient || given.bearerOnly || given.secret ? {} : { secret: randomSecret() }),
    protocolMappers: (given.protocolMappers ?? []).map((mapper) => ({ ...mapper, id: mapper.id ?? randomUUID() })),
  };
  const scopeIdsByName = new Map(realm.clientScopes.map((scope) => [scope.rep.name, scope.rep.id]));
  const idsOf = (names: string[] | undefined, isDefault: boolean) =>
    names
      ? names.map((name) => scopeIdsByName.get(name)).filter((scopeId): scopeId is string => scopeId !== undefined)
      : realm.defaultScopes.filter((scope) => scope.isDefault === isDefault).map((scope) => scope.scopeId);
  const defaultIds = idsOf(given.defaultClientScopes, true);
  // Keycloak attaches the service_account scope (client_id, clientHost, clientAddress claims) to
  // clients with service accounts (ServiceAccountConstants / ClientManager.enableServiceAccount).
  const serviceAccountScope = scopeIdsByName.get('service_account');
  if (given.serviceAccountsEnabled && serviceAccountScope && !defaultIds.includes(serviceAccountScope)) defaultIds.push(serviceAccountScope);

  let serviceAccountUserId: string | undefined;
  const writes: TransactWrite[] = [];
  if (rep.serviceAccountsEnabled) {
    serviceAccountUserId = randomUUID();
    const username = `service-account-${rep.clientId}`;
    writes.push(
      ...userCreationWrites(
        realm.realm.id,
        { id: serviceAccountUserId, username, enabled: true, emailVerified: false, createdTimestamp: Date.now(), requiredActions: [], notBefore: 0, serviceAccountClientId: id },
        [],
        { uniqueEmail: false },
      ),
    );
    const defaultRoleId = (realm.realm.rep.defaultRole as { id?: string } | undefined)?.id;
    if (defaultRoleId) writes.push({ kind: 'put', item: userRoleMappingItem(realm.realm.id, serviceAccountUserId, { roleId: defaultRoleId }) });
  }
  writes.unshift(
    ...clientCreationWrites(clientRecord(realm.realm.id, rep, serviceAccountUserId), {
      defaultIds,
      optionalIds: idsOf(given.optionalClientScopes, false),
    }),
  );
  writes.push({ kind: 'bumpConfigVersion', key: realmKey(realm.realm.id) });
  await store.transact(writes);
  realmConfigChanged(realm.realm.id);
  return rep;
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
