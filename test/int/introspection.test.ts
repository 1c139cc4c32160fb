import { beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolMapperRepresentation } from '../../shared/model/protocol-mapper.js';
import { realmConfigChanged } from '../../shared/realm/config-changes.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { eventKey } from '../../shared/store/keys.js';
import { RealmsRepository } from '../../shared/store/realms.js';
import type { Store } from '../../shared/store/store.js';
import { UsersRepository } from '../../shared/store/users.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, HOST, postForm, postToken, realmWith, type HttpAnswer } from '../support/token-fixture.js';

let store: Store;
let acme: RealmConfig;
const ISSUER = `https://${HOST}/realms/acme`;

const introspect = (form: Record<string, string>, headers: Record<string, string> = basic('api', 'api-secret'), realm = 'acme'): Promise<HttpAnswer> =>
  postForm(routePath('oidc.introspect', { realm }), form, headers);

async function login(scope = 'openid', username = 'alice', password = 'wonderland', realm = 'acme'): Promise<Record<string, unknown>> {
  const answer = await postToken(realm, { grant_type: 'password', username, password, scope }, basic('app', 'app-secret'));
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

const hardcoded = (name: string, claim: string, introspection: boolean): ProtocolMapperRepresentation => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-hardcoded-claim-mapper',
  config: { 'claim.name': claim, 'claim.value': 'yes', 'jsonType.label': 'String', 'access.token.claim': 'true', 'introspection.token.claim': String(introspection) },
});

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  const users = [
    { username: 'alice', email: 'alice@example.com', firstName: 'Alice', lastName: 'Liddell', password: 'wonderland' },
    { username: 'bob', password: 'builder' },
  ];
  acme = await realmWith(store, 'acme', {
    realm: { eventsEnabled: true },
    clients: [
      {
        clientId: 'app',
        secret: 'app-secret',
        directAccessGrantsEnabled: true,
        protocolMappers: [hardcoded('introspected', 'seen_by_introspection', true), hardcoded('token only', 'only_in_token', false)],
      },
      { clientId: 'api', secret: 'api-secret', bearerOnly: true },
      { clientId: 'short', secret: 'short-secret', directAccessGrantsEnabled: true, attributes: { 'access.token.lifespan': '1' } },
      { clientId: 'spa', publicClient: true, directAccessGrantsEnabled: true },
      { clientId: 'backend', secret: 'backend-secret', serviceAccountsEnabled: true },
    ],
    users,
  });
  await realmWith(store, 'rotating', {
    realm: { revokeRefreshToken: true, refreshTokenMaxReuse: 0 },
    clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true }, { clientId: 'api', secret: 'api-secret', bearerOnly: true }],
    users,
  });
});

describe('introspection: active tokens (RFC 7662 §2.2)', () => {
  it("answers an access token with its claims, re-mapped for introspection, for a bearer-only resource server", async () => {
    const tokens = await login();
    const access = claims(tokens.access_token);
    expect(access.only_in_token).toBe('yes');
    const answer = await introspect({ token: String(tokens.access_token) });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json).toMatchObject({
      exp: access.exp,
      iat: access.iat,
      jti: access.jti,
      iss: ISSUER,
      aud: 'account',
      sub: access.sub,
      typ: 'Bearer',
      azp: 'app',
      sid: tokens.session_state,
      scope: access.scope,
      preferred_username: 'alice',
      email: 'alice@example.com',
      seen_by_introspection: 'yes',
      client_id: 'app',
      username: 'alice',
      token_type: 'Bearer',
      active: true,
    });
    expect((answer.json.realm_access as { roles: string[] }).roles).toContain('offline_access');
    expect(answer.json.only_in_token).toBeUndefined();
    expect(Object.keys(answer.json).slice(-4)).toEqual(['client_id', 'username', 'token_type', 'active']);
    const page = await store.query({ partition: eventKey(acme.realm.id, Date.now(), 'x').pk, limit: 500, ascending: false });
    const event = page.items.map((item) => item.rep as Record<string, unknown>).find((rep) => rep.type === 'INTROSPECT_TOKEN');
    expect(event).toMatchObject({ clientId: 'api', userId: access.sub, sessionId: tokens.session_state, details: { token_id: access.jti, token_type: 'Bearer' } });
  });

  it('answers refresh, offline and ID tokens, with and without token_type_hint', async () => {
    const tokens = await login('openid offline_access');
    const forms: Record<string, string>[] = [{ token: String(tokens.refresh_token) }, { token: String(tokens.refresh_token), token_type_hint: 'refresh_token' }];
    for (const form of forms) {
      const answer = await introspect(form);
      expect(answer.json, JSON.stringify(form)).toMatchObject({ active: true, typ: 'Offline', token_type: 'Offline', client_id: 'app', username: 'alice' });
    }
    const online = await login();
    expect((await introspect({ token: String(online.refresh_token), token_type_hint: 'refresh_token' })).json).toMatchObject({ active: true, token_type: 'Refresh' });
    const id = await introspect({ token: String(online.id_token) });
    // The ID token's audience (the client) plus what the introspection audience mappers add.
    expect(id.json).toMatchObject({ active: true, token_type: 'ID', aud: ['app', 'account'] });
    // The refresh_token provider only knows refresh tokens.
    expect((await introspect({ token: String(online.access_token), token_type_hint: 'refresh_token' })).json).toEqual({ active: false });
  });

  it('answers a service-account token (no session) and lets the client introspect its own token', async () => {
    const tokens = await postToken('acme', { grant_type: 'client_credentials' }, basic('backend', 'backend-secret'));
    const answer = await introspect({ token: String(tokens.json.access_token) }, basic('backend', 'backend-secret'));
    expect(answer.json).toMatchObject({ active: true, client_id: 'backend', username: 'service-account-backend' });
    expect(answer.json.sid).toBeUndefined();
  });
});

describe('introspection: inactive tokens answer {"active": false} with 200', () => {
  it('for garbage, tampered, foreign-realm and expired tokens', async () => {
    const tokens = await login();
    const [header, , signature] = String(tokens.access_token).split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims(tokens.access_token), exp: 4_000_000_000 })).toString('base64url')}.${signature}`;
    const foreign = await login('openid', 'alice', 'wonderland', 'rotating');
    const short = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland' }, basic('short', 'short-secret'));
    await new Promise((resolve) => setTimeout(resolve, 2100));
    for (const token of ['garbage', tampered, String(foreign.access_token), String(short.json.access_token)]) {
      const answer = await introspect({ token });
      expect(answer.status).toBe(200);
      expect(answer.json, token.slice(0, 30)).toEqual({ active: false });
    }
  });

  it('once the session is logged out, for the access and the refresh token', async () => {
    const tokens = await login();
    expect((await introspect({ token: String(tokens.access_token) })).json.active).toBe(true);
    const logout = await postForm(routePath('oidc.logout', { realm: 'acme' }), { refresh_token: String(tokens.refresh_token) }, basic('app', 'app-secret'));
    expect(logout.status).toBe(204);
    expect((await introspect({ token: String(tokens.access_token) })).json).toEqual({ active: false });
    expect((await introspect({ token: String(tokens.refresh_token), token_type_hint: 'refresh_token' })).json).toEqual({ active: false });
  });

  it('for a revoked access token, while its session lives on', async () => {
    const tokens = await login();
    const revoke = await postForm(routePath('oidc.revoke', { realm: 'acme' }), { token: String(tokens.access_token) }, basic('app', 'app-secret'));
    expect(revoke.status).toBe(200);
    expect((await introspect({ token: String(tokens.access_token) })).json).toEqual({ active: false });
    expect((await introspect({ token: String(tokens.refresh_token) })).json.active).toBe(true);
  });

  it('for the token of a disabled user', async () => {
    const tokens = await login('openid', 'bob', 'builder');
    const users = new UsersRepository(store);
    const record = (await users.load(acme.realm.id, String(claims(tokens.access_token).sub)))!.user;
    await users.updateRep(record, { ...record.rep, enabled: false });
    expect((await introspect({ token: String(tokens.access_token) })).json).toEqual({ active: false });
  });

  it('for a refresh token superseded by rotation (revokeRefreshToken)', async () => {
    const tokens = await login('openid', 'alice', 'wonderland', 'rotating');
    const api = basic('api', 'api-secret');
    const hint = { token: String(tokens.refresh_token), token_type_hint: 'refresh_token' };
    expect((await introspect(hint, api, 'rotating')).json.active).toBe(true);
    const refreshed = await postToken('rotating', { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) }, basic('app', 'app-secret'));
    expect(refreshed.status).toBe(200);
    expect((await introspect(hint, api, 'rotating')).json).toEqual({ active: false });
    expect((await introspect({ token: String(refreshed.json.refresh_token), token_type_hint: 'refresh_token' }, api, 'rotating')).json.active).toBe(true);
  });
});

describe('introspection: request errors', () => {
  it('authenticates the caller and refuses public clients', async () => {
    const tokens = await login();
    const wrong = await introspect({ token: String(tokens.access_token) }, basic('api', 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    const spa = await introspect({ token: String(tokens.access_token), client_id: 'spa' }, {});
    expect(spa.status).toBe(403);
    expect(spa.json).toEqual({ error: 'invalid_request', error_description: 'Client not allowed.' });
  });

  it('needs a token and a known token_type_hint', async () => {
    expect((await introspect({})).json).toEqual({ error: 'invalid_request', error_description: 'Token not provided.' });
    const hint = await introspect({ token: 'x', token_type_hint: 'id_token' });
    expect(hint.status).toBe(400);
    expect(hint.json).toEqual({ error: 'invalid_request', error_description: 'Unsupported token type [id_token].' });
  });
});

describe('introspection: not-before', () => {
  it("makes every token issued before the realm's notBefore inactive", async () => {
    const tokens = await login();
    expect((await introspect({ token: String(tokens.access_token) })).json.active).toBe(true);
    const realms = new RealmsRepository(store);
    const record = (await realms.getById(acme.realm.id, { consistent: true }))!;
    await realms.update(record, { ...record.rep, realm: 'acme', notBefore: Math.floor(Date.now() / 1000) + 5 });
    realmConfigChanged(acme.realm.id);
    expect((await introspect({ token: String(tokens.access_token) })).json).toEqual({ active: false });
    expect((await introspect({ token: String(tokens.refresh_token) })).json).toEqual({ active: false });
  });
});
