import { decodeJwt } from 'jose';
import { handleGatewayRequest } from '../../bin/local/gateway.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import type { ClientRepresentation } from '../../shared/model/client.js';
import { createClient } from '../../shared/realm/create-client.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser, type NewUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import type { Store } from '../../shared/store/store.js';

export const HOST = 'id.example.test';

/** A realm with clients and users, made through the same services the Admin API will use. */
export async function realmWith(
  store: Store,
  realm: string,
  setup: { clients?: ClientRepresentation[]; users?: NewUser[]; realm?: Record<string, unknown> } = {},
): Promise<RealmConfig> {
  const created = await createRealm(realmCreation(store, keyProviders()), { realm, enabled: true, ...setup.realm });
  for (const client of setup.clients ?? []) await createClient(store, (await loadRealmConfig(store, created.id))!, client);
  const config = (await loadRealmConfig(store, created.id))!;
  for (const user of setup.users ?? []) await createUser(store, config, user);
  return (await loadRealmConfig(store, created.id))!;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  json: Record<string, unknown>;
}

/** POSTs a form to a realm's token endpoint through the gateway (as API Gateway would deliver it). */
export async function postToken(realm: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return postForm(routePath('oidc.token', { realm }), form, headers);
}

export async function postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await handleGatewayRequest({
    method: 'POST',
    url: path,
    rawHeaders: ['Host', HOST, 'Content-Type', 'application/x-www-form-urlencoded', ...Object.entries(headers).flat()],
    body: Buffer.from(new URLSearchParams(form).toString()),
    sourceIp: '203.0.113.7',
    protocol: 'https',
  });
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(response.body.toString() || '{}') };
}

export const basic = (id: string, secret: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
});

export const claims = (token: unknown): Record<string, unknown> => decodeJwt(String(token)) as Record<string, unknown>;
