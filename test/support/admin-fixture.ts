import KcAdminClient from '@keycloak/keycloak-admin-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveNodeRequest } from '../../bin/local/gateway.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { bootstrapMaster } from '../../shared/realm/bootstrap-master.js';
import { realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { ClientsRepository } from '../../shared/store/clients.js';
import { eventKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from './tables.js';

export const ADMIN = { username: 'admin', password: 'admin-Secret-1' };

export interface AdminServer {
  readonly baseUrl: string;
  readonly store: Store;
  /** Keycloak's own admin client, logged in to master's admin-cli as the bootstrap admin. */
  readonly kc: KcAdminClient;
  /** A raw request: status, headers and parsed JSON body (for error shapes the client hides). */
  call(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<AdminAnswer>;
  /** An access token from master's admin-cli for a user (password grant). */
  token(username: string, password: string, realm?: string): Promise<string>;
  close(): Promise<void>;
}

export interface AdminAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: any;
}

/**
 * A fresh table with a bootstrapped master realm, served over real HTTP on a loopback port by the
 * same gateway `npm start` uses, in this test worker (so handlers share its environment).
 */
export async function startAdminServer(): Promise<AdminServer> {
  const { store } = await useFreshEnvironment();
  await bootstrapMaster(realmCreation(store, keyProviders()), ADMIN);
  const server: Server = createServer((req, res) => void serveNodeRequest(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = async (username: string, password: string, realm = 'master'): Promise<string> => {
    const response = await fetch(`${baseUrl}${routePath('oidc.token', { realm })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`No token for ${username}: ${JSON.stringify(body)}`);
    return body.access_token;
  };
  const kc = new KcAdminClient({ baseUrl, realmName: 'master' });
  await kc.auth({ username: ADMIN.username, password: ADMIN.password, grantType: 'password', clientId: 'admin-cli' });
  let adminToken: string | undefined;
  return {
    baseUrl,
    store,
    kc,
    token,
    async call(method, path, options = {}) {
      const bearer = options.token ?? (adminToken ??= await token(ADMIN.username, ADMIN.password));
      const headers: Record<string, string> = { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...options.headers };
      if (options.body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The realm's admin events of the last two hour partitions, read straight from the table (as written, not as listed). */
export async function recentAdminEvents(store: Store, realmId: string): Promise<Array<Record<string, any>>> {
  const events: Array<Record<string, any>> = [];
  for (const time of [Date.now() - 3_600_000, Date.now()]) {
    for await (const item of store.queryAll({ partition: eventKey(realmId, time, 'x', true).pk, consistent: true })) events.push(item['rep'] as Record<string, any>);
  }
  return events;
}

/** A user of the realm holding these realm-management roles, and its access token from the realm's admin-cli. */
export async function realmAdminToken(server: AdminServer, realm: { id: string; name: string }, username: string, rights: string[]): Promise<string> {
  const management = (await new ClientsRepository(server.store).loadByClientId(realm.id, 'realm-management'))!;
  const held = management.roles.filter((role) => rights.includes(role.rep.name)).map((role) => ({ roleId: role.rep.id, clientUuid: role.clientUuid! }));
  await createUser(server.store, (await loadRealmConfig(server.store, realm.id))!, { username, password: 'Secret-pass-1', roles: held });
  return server.token(username, 'Secret-pass-1', realm.name);
}
