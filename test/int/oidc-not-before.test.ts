import { beforeAll, describe, expect, it } from 'vitest';
import { handleGatewayRequest } from '../../bin/local/gateway.js';
import { realmConfigChanged } from '../../shared/realm/config-changes.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { RealmsRepository } from '../../shared/store/realms.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, HOST, postForm, postToken, realmWith } from '../support/token-fixture.js';

/*
 * Not-before revocation ("push") holds whichever level pushed last: a token issued before the latest
 * of the realm's, the client's and the user's notBefore is stale at every endpoint. (Keycloak's
 * NotBeforeCheck.forModel(client) takes the earlier of realm and client, which lets a realm-wide push
 * pass tokens of a client revoked before it; see shared/oidc/tokens/not-before.ts.)
 */

let store: Store;
let realm: RealmConfig;
const APP = basic('app', 'app-secret');

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  realm = await realmWith(store, 'pushed', {
    clients: [
      // Revoked long ago: its own notBefore lies far in the past.
      { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true, notBefore: 1_000_000 },
      { clientId: 'api', secret: 'api-secret', bearerOnly: true },
    ],
    users: [{ username: 'alice', password: 'wonderland' }],
  });
});

async function userinfoStatus(accessToken: string): Promise<number> {
  const response = await handleGatewayRequest({
    method: 'GET',
    url: routePath('oidc.userinfo', { realm: 'pushed' }),
    rawHeaders: ['Host', HOST, 'Authorization', `Bearer ${accessToken}`],
    body: Buffer.from(''),
    sourceIp: '203.0.113.7',
    protocol: 'https',
  });
  return response.statusCode;
}

const introspect = async (token: string) =>
  (await postForm(routePath('oidc.introspect', { realm: 'pushed' }), { token }, basic('api', 'api-secret'))).json.active;

describe('not-before: the latest push holds', () => {
  it("a realm-wide push makes a token stale even when its client's own notBefore is older", async () => {
    const login = await postToken('pushed', { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'openid' }, APP);
    expect(login.status, JSON.stringify(login.json)).toBe(200);
    const access = String(login.json.access_token);
    const refresh = String(login.json.refresh_token);
    expect(await userinfoStatus(access)).toBe(200);
    expect(await introspect(access)).toBe(true);

    const realms = new RealmsRepository(store);
    const record = (await realms.getById(realm.realm.id, { consistent: true }))!;
    await realms.update(record, { ...record.rep, realm: 'pushed', notBefore: Math.floor(Date.now() / 1000) + 5 });
    realmConfigChanged(realm.realm.id);

    expect(await userinfoStatus(access)).toBe(401);
    expect(await introspect(access)).toBe(false);
    expect(await introspect(refresh)).toBe(false);
    const refreshed = await postToken('pushed', { grant_type: 'refresh_token', refresh_token: refresh }, APP);
    expect(refreshed.json).toEqual({ error: 'invalid_grant', error_description: 'Stale token' });
  });
});
