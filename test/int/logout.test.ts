import { beforeAll, describe, expect, it } from 'vitest';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { eventKey, userSessionKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, postForm, postToken, realmWith, type HttpAnswer } from '../support/token-fixture.js';

let store: Store;
let acme: RealmConfig;
const APP = basic('app', 'app-secret');

const logout = (form: Record<string, string>, headers: Record<string, string> = APP, realm = 'acme'): Promise<HttpAnswer> =>
  postForm(routePath('oidc.logout', { realm }), form, headers);
const refresh = (token: unknown, headers: Record<string, string> = APP): Promise<HttpAnswer> =>
  postToken('acme', { grant_type: 'refresh_token', refresh_token: String(token) }, headers);

async function login(scope = 'openid', headers: Record<string, string> = APP, extra: Record<string, string> = {}, realm = 'acme'): Promise<Record<string, unknown>> {
  const answer = await postToken(realm, { grant_type: 'password', username: 'alice', password: 'wonderland', scope, ...extra }, headers);
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

async function lastEvent(type: string): Promise<Record<string, unknown> | undefined> {
  const page = await store.query({ partition: eventKey(acme.realm.id, Date.now(), 'x').pk, limit: 500, ascending: false });
  return page.items.map((item) => item.rep as Record<string, unknown>).find((rep) => rep.type === type);
}

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  acme = await realmWith(store, 'acme', {
    realm: { eventsEnabled: true },
    clients: [
      { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true },
      { clientId: 'other', secret: 'other-secret', directAccessGrantsEnabled: true },
      { clientId: 'spa', publicClient: true, directAccessGrantsEnabled: true },
      { clientId: 'api', secret: 'api-secret', bearerOnly: true },
    ],
    users: [{ username: 'alice', password: 'wonderland' }],
  });
  await realmWith(store, 'elsewhere', {
    clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true }],
    users: [{ username: 'alice', password: 'wonderland' }],
  });
});

describe('logout with a refresh token (Keycloak LogoutEndpoint.logoutToken)', () => {
  it('ends the user session: 204, the refresh token is dead, its access token inactive', async () => {
    const tokens = await login();
    const answer = await logout({ refresh_token: String(tokens.refresh_token) });
    expect(answer.status).toBe(204);
    expect(answer.json).toEqual({});
    expect(await store.get(userSessionKey(acme.realm.id, String(tokens.session_state)))).toBeUndefined();
    const refreshed = await refresh(tokens.refresh_token);
    expect(refreshed.status).toBe(400);
    expect(refreshed.json).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    const introspected = await postForm(routePath('oidc.introspect', { realm: 'acme' }), { token: String(tokens.access_token) }, APP);
    expect(introspected.json).toEqual({ active: false });
    expect(await lastEvent('LOGOUT')).toMatchObject({ clientId: 'app', userId: claims(tokens.access_token).sub, sessionId: tokens.session_state });
    // The session is already gone: nothing to do, still 204.
    expect((await logout({ refresh_token: String(tokens.refresh_token) })).status).toBe(204);
  });

  it('leaves offline sessions alone', async () => {
    const offline = await login('openid offline_access');
    expect(claims(offline.refresh_token).typ).toBe('Offline');
    const online = await login();
    expect((await logout({ refresh_token: String(online.refresh_token) })).status).toBe(204);
    expect((await refresh(online.refresh_token)).status).toBe(400);
    const stillOffline = await refresh(offline.refresh_token);
    expect(stillOffline.status, JSON.stringify(stillOffline.json)).toBe(200);
    expect(claims(stillOffline.json.refresh_token).typ).toBe('Offline');
  });

  it('ends an offline session when given its offline token', async () => {
    const offline = await login('openid offline_access');
    expect((await logout({ refresh_token: String(offline.refresh_token) })).status).toBe(204);
    expect(await store.get(userSessionKey(acme.realm.id, String(offline.session_state), true))).toBeUndefined();
    expect((await refresh(offline.refresh_token)).json.error).toBe('invalid_grant');
  });

  it('lets a public client log out with its client_id', async () => {
    const tokens = await login('openid', {}, { client_id: 'spa' });
    expect((await logout({ refresh_token: String(tokens.refresh_token), client_id: 'spa' }, {})).status).toBe(204);
    expect(await store.get(userSessionKey(acme.realm.id, String(tokens.session_state)))).toBeUndefined();
  });
});

describe('logout errors', () => {
  it('needs a refresh token', async () => {
    const answer = await logout({});
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_request', error_description: 'No refresh token' });
    expect(await lastEvent('LOGOUT_ERROR')).toMatchObject({ clientId: 'app', error: 'invalid_token' });
  });

  it('refuses what is no refresh token of this realm: 400 invalid_grant "Invalid refresh token"', async () => {
    const tokens = await login();
    const foreign = await login('openid', APP, {}, 'elsewhere');
    for (const token of ['garbage', String(tokens.access_token), String(tokens.id_token), String(foreign.refresh_token)]) {
      const answer = await logout({ refresh_token: token });
      expect(answer.status, token.slice(0, 20)).toBe(400);
      expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
    }
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it("refuses another client's refresh token and leaves the session alone", async () => {
    const tokens = await login();
    const answer = await logout({ refresh_token: String(tokens.refresh_token) }, basic('other', 'other-secret'));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_grant', error_description: "Invalid refresh token. Token client and authorized client don't match" });
    expect(await lastEvent('LOGOUT_ERROR')).toMatchObject({ clientId: 'other', error: 'invalid_token' });
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it('authenticates the client and refuses bearer-only clients', async () => {
    const tokens = await login();
    const wrong = await logout({ refresh_token: String(tokens.refresh_token) }, basic('app', 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
    const bearerOnly = await logout({ refresh_token: String(tokens.refresh_token) }, basic('api', 'api-secret'));
    expect(bearerOnly.json).toEqual({ error: 'invalid_client', error_description: 'Bearer-only not allowed' });
    // Keycloak's TokenEndpoint.checkClient: 400, and no Basic challenge (the client did authenticate).
    expect(bearerOnly.status).toBe(400);
    expect(bearerOnly.headers['www-authenticate']).toBeUndefined();
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });
});
