import KcAdminClient from '@keycloak/keycloak-admin-client';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { routePath } from '../../shared/routes.js';
import { sharedStoreRuntimeEnv, spawnRuntime, type SpawnedRuntime } from './spawn-runtime.js';
import { freshTable } from './tables.js';

/**
 * The e2e setup of issue 4's Done-when: Keycloak's own `@keycloak/keycloak-admin-client`, unchanged,
 * drives the admin resources against `npm start` (bin/serve.ts as a child process on a random port,
 * a fresh table). `kc` and `runtime` are live bindings, set once `startAdminClientRuntime`'s
 * beforeAll has run.
 */
export const ROOT = { username: 'root', password: 'e2e-Root-pass1' };
export let runtime: SpawnedRuntime;
export let kc: KcAdminClient;

/** Starts the runtime before the file's tests and stops it after them. */
export function startAdminClientRuntime(): void {
  // Realm creation and deletion run up to admin/realms' 29 s function timeout on a busy 2-core machine.
  vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });
  beforeAll(async () => {
    const { tableName } = await freshTable();
    const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-admin-'));
    runtime = await spawnRuntime({
      ...sharedStoreRuntimeEnv({ tableName, dataDir }),
      KC_BOOTSTRAP_ADMIN_USERNAME: ROOT.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: ROOT.password,
    });
    kc = new KcAdminClient({ baseUrl: runtime.baseUrl, realmName: 'master' });
  }, 90_000);
  afterAll(async () => {
    await runtime?.stop();
  });
}

/** A fresh admin token from master's admin-cli (tokens live a minute), then the realm to work in. */
export async function useRealm(realm: string): Promise<void> {
  kc.setConfig({ realmName: 'master' });
  await kc.auth({ ...ROOT, grantType: 'password', clientId: 'admin-cli' });
  kc.setConfig({ realmName: realm });
}

/** A password grant in a realm: the status and the JSON answer. */
export async function login(realm: string, clientId: string, username: string, password: string, secret?: string) {
  const response = await fetch(`${runtime.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid', ...(secret ? { client_secret: secret } : {}) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

/** The status of a failed kc call (the client throws a NetworkError carrying the response). */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    return (error as { response?: { status: number } }).response?.status ?? -1;
  }
}
