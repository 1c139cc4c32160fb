import { keyProviders } from '../../shared/keys/key-providers.js';
import { createClient } from '../../shared/realm/create-client.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import type { Store } from '../../shared/store/store.js';

/** The bench realm's name and the credentials the load generator uses. */
export interface BenchRealm {
  readonly realm: string;
  readonly realmId: string;
  /** Confidential client with a service account (client_credentials). */
  readonly service: { readonly clientId: string; readonly secret: string };
  /** Confidential client with direct access grants (password, refresh_token, introspection). */
  readonly app: { readonly clientId: string; readonly secret: string };
  readonly user: { readonly username: string; readonly password: string };
}

export const benchRealm = {
  realm: 'bench',
  service: { clientId: 'bench-service', secret: 'bench-service-secret' },
  app: { clientId: 'bench-app', secret: 'bench-app-secret' },
  user: { username: 'bench-user', password: 'bench-password-1' },
} as const;

/**
 * Seeds the bench realm through the services the Admin API and the tests use (createRealm,
 * createClient, createUser): Keycloak's defaults everywhere, so the figures are those of a realm
 * nobody tuned — password policy unset (argon2 with Keycloak 26's parameters), events not stored.
 */
export async function seedBenchRealm(store: Store): Promise<BenchRealm> {
  const created = await createRealm(realmCreation(store, keyProviders()), { realm: benchRealm.realm, enabled: true });
  const config = async () => (await loadRealmConfig(store, created.id))!;
  await createClient(store, await config(), {
    clientId: benchRealm.service.clientId,
    secret: benchRealm.service.secret,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
  });
  await createClient(store, await config(), {
    clientId: benchRealm.app.clientId,
    secret: benchRealm.app.secret,
    directAccessGrantsEnabled: true,
    standardFlowEnabled: false,
  });
  await createUser(store, await config(), {
    username: benchRealm.user.username,
    password: benchRealm.user.password,
    email: 'bench-user@example.test',
    emailVerified: true,
    firstName: 'Bench',
    lastName: 'User',
  });
  return { ...benchRealm, realmId: created.id };
}
