import { beforeAll, describe, expect, it } from 'vitest';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { eventKey, userSessionKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { revokedTokenKey } from '../../shared/store/keys.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, postForm, postToken, realmWith, type HttpAnswer } from '../support/token-fixture.js';

let store: Store;
let acme: RealmConfig;
const APP = basic('app', 'app-secret');
const INVALID_TOKEN = { error: 'invalid_token', error_description: 'Invalid token' };

const revoke = (form: Record<string, string>, headers: Record<string, string> = APP, realm = 'acme'): Promise<HttpAnswer> =>
  postForm(routePath('oidc.revoke', { realm }), form, headers);
const introspect = (token: string): Promise<HttpAnswer> => postForm(routePath('oidc.introspect', { realm: 'acme' }), { token }, APP);
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
      { clientId: 'backend', secret: 'backend-secret', serviceAccountsEnabled: true },
    ],
    users: [{ username: 'alice', password: 'wonderland' }],
  });
  await realmWith(store, 'elsewhere', {
    clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true }],
    users: [{ username: 'alice', password: 'wonderland' }],
  });
});

describe('revocation of refresh tokens (RFC 7009 §2.1)', () => {
  it('ends the client session: the refresh token no longer refreshes, the access token is no longer active', async () => {
    const tokens = await login();
    const answer = await revoke({ token: String(tokens.refresh_token), token_type_hint: 'refresh_token' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({});
    const refreshed = await refresh(tokens.refresh_token);
    expect(refreshed.status).toBe(400);
    expect(refreshed.json).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    expect((await introspect(String(tokens.access_token))).json).toEqual({ active: false });
    // The session was the client's only one, so it is gone entirely.
    expect(await store.get(userSessionKey(acme.realm.id, String(tokens.session_state)))).toBeUndefined();
    expect(await lastEvent('REVOKE_GRANT')).toMatchObject({
      clientId: 'app',
      userId: claims(tokens.access_token).sub,
      sessionId: tokens.session_state,
      details: { revoked_client: 'app', refresh_token_id: claims(tokens.refresh_token).jti, refresh_token_type: 'Refresh' },
    });
    // A second revocation finds nothing to revoke: 200 with Keycloak's invalid_token body.
    expect(await revoke({ token: String(tokens.refresh_token) })).toMatchObject({ status: 200, json: INVALID_TOKEN });
  });

  it('ends an offline session with its offline token', async () => {
    const tokens = await login('openid offline_access');
    expect(claims(tokens.refresh_token).typ).toBe('Offline');
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
    expect((await revoke({ token: String(tokens.refresh_token) })).status).toBe(200);
    const refreshed = await refresh(tokens.refresh_token);
    expect(refreshed.status).toBe(400);
    expect(refreshed.json.error).toBe('invalid_grant');
    expect(await store.get(userSessionKey(acme.realm.id, String(tokens.session_state), true))).toBeUndefined();
  });

  it('lets a public client revoke its own refresh token', async () => {
    const tokens = await login('openid', {}, { client_id: 'spa' });
    expect((await revoke({ token: String(tokens.refresh_token), client_id: 'spa' }, {})).status).toBe(200);
    const again = await postToken('acme', { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token), client_id: 'spa' });
    expect(again.json).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
  });
});

describe('revocation of access tokens', () => {
  it('marks the token revoked until it expires; the session and refresh token live on', async () => {
    const tokens = await login();
    const access = claims(tokens.access_token);
    for (let i = 0; i < 2; i++) {
      const answer = await revoke({ token: String(tokens.access_token), token_type_hint: 'access_token' });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({});
    }
    expect((await introspect(String(tokens.access_token))).json).toEqual({ active: false });
    const mark = await store.get(revokedTokenKey(acme.realm.id, String(access.jti)));
    expect(mark?.expiresAt).toBe(Number(access.exp) + 1);
    expect(await lastEvent('REVOKE_GRANT')).toMatchObject({ clientId: 'app', userId: access.sub, details: { token_id: access.jti } });
    const refreshed = await refresh(tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    expect((await introspect(String(refreshed.json.access_token))).json.active).toBe(true);
  });
});

describe('revocation of a service-account token (no session)', () => {
  it('finds the service-account user and marks the token revoked', async () => {
    const backend = basic('backend', 'backend-secret');
    const tokens = await postToken('acme', { grant_type: 'client_credentials' }, backend);
    const token = String(tokens.json.access_token);
    expect((await postForm(routePath('oidc.introspect', { realm: 'acme' }), { token }, backend)).json.active).toBe(true);
    expect((await revoke({ token }, backend)).status).toBe(200);
    expect((await postForm(routePath('oidc.introspect', { realm: 'acme' }), { token }, backend)).json).toEqual({ active: false });
  });
});

describe('revocation errors', () => {
  it("refuses another client's token: 400 invalid_request \"Unmatching clients\"", async () => {
    const tokens = await login();
    for (const token of [tokens.refresh_token, tokens.access_token]) {
      const answer = await revoke({ token: String(token) }, basic('other', 'other-secret'));
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: 'invalid_request', error_description: 'Unmatching clients' });
    }
    expect(await lastEvent('REVOKE_GRANT_ERROR')).toMatchObject({ clientId: 'other', error: 'invalid_request', details: { reason: 'Unmatching clients' } });
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it('answers unknown and invalid tokens with 200 (RFC 7009 §2.2)', async () => {
    const foreign = await login('openid', APP, {}, 'elsewhere');
    for (const token of ['garbage', 'a.b.c', String(foreign.refresh_token), String(foreign.access_token)]) {
      const answer = await revoke({ token });
      expect(answer.status, token.slice(0, 20)).toBe(200);
      expect(answer.json).toEqual(INVALID_TOKEN);
    }
  });

  it('refuses ID tokens: 400 unsupported_token_type (RFC 7009 §2.2.1)', async () => {
    const tokens = await login();
    const answer = await revoke({ token: String(tokens.id_token) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'unsupported_token_type', error_description: 'Unsupported token type' });
  });

  it('needs a token and an authenticated, non-bearer-only client', async () => {
    expect(await revoke({})).toMatchObject({ status: 400, json: { error: 'invalid_request', error_description: 'Token not provided' } });
    const wrong = await revoke({ token: 'x' }, basic('app', 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    const bearerOnly = await revoke({ token: 'x' }, basic('api', 'api-secret'));
    expect(bearerOnly.json).toEqual({ error: 'invalid_client', error_description: 'Bearer-only not allowed' });
    // Keycloak's TokenEndpoint.checkClient: 400, and no Basic challenge (the client did authenticate).
    expect(bearerOnly.status).toBe(400);
    expect(bearerOnly.headers['www-authenticate']).toBeUndefined();
  });
});
