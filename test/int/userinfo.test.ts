import { beforeAll, describe, expect, it } from 'vitest';
import { handleGatewayRequest } from '../../bin/local/gateway.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { eventKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { UsersRepository } from '../../shared/store/users.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, HOST, postForm, postToken, realmWith } from '../support/token-fixture.js';

let store: Store;
let acme: RealmConfig;

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Calls the userinfo endpoint through the gateway, with the token in the header and/or the form. */
async function userinfo(method: 'GET' | 'POST', options: { bearer?: string; form?: Record<string, string>; realm?: string } = {}): Promise<Answer> {
  const response = await handleGatewayRequest({
    method,
    url: routePath('oidc.userinfo', { realm: options.realm ?? 'acme' }),
    rawHeaders: [
      'Host',
      HOST,
      ...(options.bearer !== undefined ? ['Authorization', `Bearer ${options.bearer}`] : []),
      ...(options.form ? ['Content-Type', 'application/x-www-form-urlencoded'] : []),
    ],
    body: Buffer.from(options.form ? new URLSearchParams(options.form).toString() : ''),
    sourceIp: '203.0.113.7',
    protocol: 'https',
  });
  return { status: response.statusCode, headers: response.headers, text: response.body.toString() };
}

const challenge = (error: string, description: string) => `Bearer realm="acme", error="${error}", error_description="${description}"`;

async function login(scope = 'openid', username = 'alice', password = 'wonderland'): Promise<Record<string, unknown>> {
  const answer = await postToken('acme', { grant_type: 'password', username, password, scope }, basic('app', 'app-secret'));
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

/** The realm's stored user events of the last two hours (the event partitions are per hour). */
async function events(realm: RealmConfig): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (const time of [Date.now() - 3_600_000, Date.now()]) {
    const page = await store.query({ partition: eventKey(realm.realm.id, time, 'x').pk, limit: 500 });
    found.push(...page.items.map((item) => item.rep as Record<string, unknown>));
  }
  return found;
}

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  acme = await realmWith(store, 'acme', {
    realm: { eventsEnabled: true },
    clients: [
      { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true },
      { clientId: 'short', secret: 'short-secret', directAccessGrantsEnabled: true, attributes: { 'access.token.lifespan': '1' } },
      { clientId: 'backend', secret: 'backend-secret', serviceAccountsEnabled: true },
    ],
    users: [
      { username: 'alice', email: 'alice@example.com', firstName: 'Alice', lastName: 'Liddell', password: 'wonderland', attributes: { phoneNumber: ['+44 20 7946 0000'] } },
      { username: 'bob', email: 'bob@example.com', password: 'builder' },
      { username: 'carol', password: 'singer' },
    ],
  });
  await realmWith(store, 'other', { clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true }], users: [{ username: 'alice', password: 'wonderland' }] });
});

describe('userinfo: success', () => {
  it('answers GET with a Bearer header: sub and the userinfo claims of the token scopes', async () => {
    const tokens = await login();
    const answer = await userinfo('GET', { bearer: String(tokens.access_token) });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    const body = JSON.parse(answer.text);
    expect(Object.keys(body)[0]).toBe('sub');
    expect(body).toEqual({
      sub: claims(tokens.access_token).sub,
      email_verified: false,
      name: 'Alice Liddell',
      preferred_username: 'alice',
      given_name: 'Alice',
      family_name: 'Liddell',
      email: 'alice@example.com',
    });
    const recorded = (await events(acme)).filter((event) => event.type === 'USER_INFO_REQUEST');
    expect(recorded.at(-1)).toMatchObject({
      clientId: 'app',
      userId: body.sub,
      sessionId: tokens.session_state,
      details: { auth_method: 'validate_access_token', username: 'alice', signature_required: 'false' },
    });
  });

  it('answers POST with the token in the form body (RFC 6750 §2.2)', async () => {
    const tokens = await login();
    const answer = await userinfo('POST', { form: { access_token: String(tokens.access_token) } });
    expect(answer.status, answer.text).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ preferred_username: 'alice' });
  });

  it("adds the claims of the optional scopes the token's scope claim names, and only those", async () => {
    const withPhone = await login('openid phone');
    const answer = await userinfo('GET', { bearer: String(withPhone.access_token) });
    expect(answer.status, answer.text).toBe(200);
    expect(JSON.parse(answer.text).phone_number).toBe('+44 20 7946 0000');
    const without = await userinfo('GET', { bearer: String((await login('openid')).access_token) });
    expect(JSON.parse(without.text).phone_number).toBeUndefined();
  });

  it('serves an access token of an offline session', async () => {
    const tokens = await login('openid offline_access');
    expect(claims(tokens.refresh_token).typ).toBe('Offline');
    const answer = await userinfo('GET', { bearer: String(tokens.access_token) });
    expect(answer.status, answer.text).toBe(200);
  });

  it('serves a service-account token (no session: a transient one, as Keycloak)', async () => {
    const tokens = await postToken('acme', { grant_type: 'client_credentials', scope: 'openid' }, basic('backend', 'backend-secret'));
    expect(tokens.status).toBe(200);
    const answer = await userinfo('GET', { bearer: String(tokens.json.access_token) });
    expect(answer.status, answer.text).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ sub: claims(tokens.json.access_token).sub, preferred_username: 'service-account-backend' });
  });
});

describe('userinfo: errors as Bearer challenges (RFC 6750 §3)', () => {
  it('answers no token with a bare challenge, 401 and an empty body', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const answer = await userinfo(method);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="acme"');
      expect(answer.text).toBe('');
    }
    const recorded = (await events(acme)).filter((event) => event.type === 'USER_INFO_REQUEST_ERROR');
    expect(recorded.at(-1)).toMatchObject({ error: 'invalid_token', details: { auth_method: 'validate_access_token', reason: 'Missing token' } });
  });

  it('refuses a token in both the header and the form, and a repeated form parameter', async () => {
    const tokens = await login();
    const both = await userinfo('POST', { bearer: String(tokens.access_token), form: { access_token: String(tokens.access_token) } });
    expect(both.status).toBe(400);
    expect(both.headers['www-authenticate']).toBe(challenge('invalid_request', 'More than one method used for including an access token'));
    expect(both.text).toBe('');
    const twice = await handleGatewayRequest({
      method: 'POST',
      url: routePath('oidc.userinfo', { realm: 'acme' }),
      rawHeaders: ['Host', HOST, 'Content-Type', 'application/x-www-form-urlencoded'],
      body: Buffer.from(`access_token=${tokens.access_token}&access_token=${tokens.access_token}`),
      sourceIp: '203.0.113.7',
      protocol: 'https',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.headers['www-authenticate']).toBe(challenge('invalid_request', 'Duplicate parameter'));
  });

  it('refuses malformed, foreign-realm, refresh and ID tokens: "Token verification failed"', async () => {
    const tokens = await login();
    const foreign = await postToken('other', { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'openid' }, basic('app', 'app-secret'));
    const [header, payload, signature] = String(tokens.access_token).split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims(tokens.access_token), sub: 'someone-else' })).toString('base64url')}.${signature}`;
    for (const bad of ['not-a-jwt', tampered, String(foreign.json.access_token), String(tokens.refresh_token), String(tokens.id_token), `${header}.${payload}.`]) {
      const answer = await userinfo('GET', { bearer: bad });
      expect(answer.status, bad.slice(0, 40)).toBe(401);
      expect(answer.headers['www-authenticate']).toBe(challenge('invalid_token', 'Token verification failed'));
      expect(answer.text).toBe('');
    }
  });

  it('refuses an expired token', async () => {
    const login = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'openid' }, basic('short', 'short-secret'));
    expect(login.json.expires_in).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const answer = await userinfo('GET', { bearer: String(login.json.access_token) });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe(challenge('invalid_token', 'Token verification failed'));
  });

  it('refuses a token without the openid scope: 403 insufficient_scope', async () => {
    const tokens = await login('');
    const answer = await userinfo('GET', { bearer: String(tokens.access_token) });
    expect(answer.status).toBe(403);
    expect(answer.headers['www-authenticate']).toBe(challenge('insufficient_scope', 'Missing openid scope'));
  });

  it('refuses the access token once its session is logged out', async () => {
    const tokens = await login();
    const logout = await postForm(routePath('oidc.logout', { realm: 'acme' }), { refresh_token: String(tokens.refresh_token) }, basic('app', 'app-secret'));
    expect(logout.status).toBe(204);
    const answer = await userinfo('GET', { bearer: String(tokens.access_token) });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe(challenge('invalid_token', 'user_session_not_found'));
    const recorded = (await events(acme)).filter((event) => event.type === 'USER_INFO_REQUEST_ERROR');
    expect(recorded.at(-1)).toMatchObject({ error: 'user_session_not_found', clientId: 'app', sessionId: tokens.session_state });
  });

  it('refuses a revoked access token', async () => {
    const tokens = await login();
    const revoke = await postForm(routePath('oidc.revoke', { realm: 'acme' }), { token: String(tokens.access_token) }, basic('app', 'app-secret'));
    expect(revoke.status).toBe(200);
    const answer = await userinfo('GET', { bearer: String(tokens.access_token) });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe(challenge('invalid_token', 'Token verification failed'));
  });

  it('refuses the token of a disabled user, and one older than the user\'s notBefore', async () => {
    const users = new UsersRepository(store);
    const bob = await login('openid', 'bob', 'builder');
    const bobId = String(claims(bob.access_token).sub);
    let record = (await users.load(acme.realm.id, bobId))!.user;
    await users.updateRep(record, { ...record.rep, enabled: false });
    const disabled = await userinfo('GET', { bearer: String(bob.access_token) });
    expect(disabled.status).toBe(401);
    expect(disabled.headers['www-authenticate']).toBe(challenge('invalid_token', 'User disabled'));

    const carol = await login('openid', 'carol', 'singer');
    const carolId = String(claims(carol.access_token).sub);
    record = (await users.load(acme.realm.id, carolId))!.user;
    await users.updateRep(record, { ...record.rep, notBefore: Math.floor(Date.now() / 1000) + 5 });
    const stale = await userinfo('GET', { bearer: String(carol.access_token) });
    expect(stale.status).toBe(401);
    expect(stale.headers['www-authenticate']).toBe(challenge('invalid_token', 'Token verification failed'));
  });

  it('answers an unknown realm with 404', async () => {
    const answer = await userinfo('GET', { bearer: 'x', realm: 'nope' });
    expect(answer.status).toBe(404);
  });
});
