import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { eventKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, postToken, realmWith } from '../support/token-fixture.js';

/*
 * The token endpoint's login and token events (issue 3, Deliver 8), as Keycloak's grant types record
 * them: LOGIN / LOGIN_ERROR (ResourceOwnerPasswordCredentialsGrantType and the direct grant
 * authenticators ValidateUsername / ValidatePassword), CLIENT_LOGIN / CLIENT_LOGIN_ERROR
 * (ClientCredentialsGrantType, with the refusal as `reason`), REFRESH_TOKEN / REFRESH_TOKEN_ERROR
 * (RefreshTokenGrantType: every refusal is error invalid_token with the answer's description as
 * `reason`). Saved because the realm has eventsEnabled; a realm without it stores none of them.
 */

let store: Store;
let acme: RealmConfig;
let quiet: RealmConfig;
let temporary: RealmConfig;
let permanent: RealmConfig;
const APP = basic('app', 'app-secret');
const BACKEND = basic('backend', 'backend-secret');
const IP = '203.0.113.7';
let since = 0;

type Rep = Record<string, unknown> & { type: string; time: number; details?: Record<string, string> };

/** Events of a realm recorded since `since`, oldest first (this hour's partition and the previous one). */
async function eventsOf(realm: RealmConfig): Promise<Rep[]> {
  const now = Date.now();
  const partitions = new Set([eventKey(realm.realm.id, now, 'x').pk, eventKey(realm.realm.id, now - 3_600_000, 'x').pk]);
  const reps: Rep[] = [];
  for (const partition of partitions) {
    const page = await store.query({ partition, limit: 500 });
    reps.push(...page.items.map((item) => item.rep as Rep));
  }
  return reps.filter((rep) => rep.time >= since).sort((a, b) => a.time - b.time);
}

async function only(type: string, realm = acme): Promise<Rep> {
  const found = (await eventsOf(realm)).filter((rep) => rep.type === type);
  expect(found.map((rep) => rep.type), JSON.stringify(found)).toEqual([type]);
  return found[0]!;
}

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  const setup = (realm: Record<string, unknown>) => ({
    realm,
    clients: [
      { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true },
      { clientId: 'backend', secret: 'backend-secret', serviceAccountsEnabled: true },
    ],
    users: [
      { username: 'alice', password: 'wonderland' },
      { username: 'pending', password: 'wonderland', requiredActions: ['UPDATE_PASSWORD'] },
    ],
  });
  acme = await realmWith(store, 'acme', setup({ eventsEnabled: true }));
  quiet = await realmWith(store, 'quiet', setup({ eventsEnabled: false }));
  const locking = { eventsEnabled: true, bruteForceProtected: true, failureFactor: 2, quickLoginCheckMilliSeconds: 0 };
  temporary = await realmWith(store, 'locks-for-a-while', setup({ ...locking, waitIncrementSeconds: 60 }));
  permanent = await realmWith(store, 'locks-for-good', setup({ ...locking, permanentLockout: true }));
});

beforeEach(() => {
  since = Date.now();
});

describe('password grant events', () => {
  it('LOGIN with the session, the grant, the client authentication and the scope', async () => {
    const answer = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'openid' }, APP);
    expect(answer.status).toBe(200);
    const event = await only('LOGIN');
    expect(event).toMatchObject({ realmId: acme.realm.id, clientId: 'app', sessionId: answer.json.session_state, ipAddress: IP });
    expect(event.userId).toBeTypeOf('string');
    expect(event.details).toMatchObject({ grant_type: 'password', username: 'alice', client_auth_method: 'client-secret', refresh_token_type: 'Refresh' });
    expect(event.details!.scope!.split(' ')).toContain('openid');
    // AccessTokenResponseBuilder.build: the ids of the tokens handed out.
    expect(event.details).toMatchObject({ token_id: claims(answer.json.access_token).jti, refresh_token_id: claims(answer.json.refresh_token).jti });
  });

  it('LOGIN_ERROR for a wrong password, a missing username and a service-account user', async () => {
    expect((await postToken('acme', { grant_type: 'password', username: 'alice', password: 'nope' }, APP)).status).toBe(401);
    expect((await postToken('acme', { grant_type: 'password', password: 'nope' }, APP)).json).toEqual({
      error: 'invalid_request',
      error_description: 'Missing parameter: username',
    });
    // ValidateUsername refuses a client's service-account user before any password check.
    const service = await postToken('acme', { grant_type: 'password', username: 'service-account-backend', password: 'x' }, APP);
    expect(service).toMatchObject({ status: 401, json: { error: 'invalid_grant', error_description: 'Invalid user credentials' } });

    const errors = (await eventsOf(acme)).filter((rep) => rep.type === 'LOGIN_ERROR');
    expect(errors.map((rep) => rep.error)).toEqual(['invalid_user_credentials', 'user_not_found', 'invalid_user']);
    expect(errors[0]!.details).toMatchObject({ grant_type: 'password', username: 'alice' });
    expect(errors[0]!.userId).toBeTypeOf('string');
    expect(errors[2]!.details).toMatchObject({ username: 'service-account-backend', reason: 'User is a service account' });
  });
});

describe('a user with a pending required action', () => {
  it('is refused by the direct grant with the right password: 400 "Account is not fully set up", LOGIN_ERROR resolve_required_actions', async () => {
    const answer = await postToken('acme', { grant_type: 'password', username: 'pending', password: 'wonderland' }, APP);
    expect(answer).toMatchObject({ status: 400, json: { error: 'invalid_grant', error_description: 'Account is not fully set up' } });
    const event = await only('LOGIN_ERROR');
    expect(event).toMatchObject({ error: 'resolve_required_actions', details: { username: 'pending' } });
    expect((await eventsOf(acme)).some((rep) => rep.type === 'LOGIN')).toBe(false);
  });
});

describe('client_credentials events', () => {
  it('CLIENT_LOGIN for the service-account user', async () => {
    const answer = await postToken('acme', { grant_type: 'client_credentials' }, BACKEND);
    expect(answer.status).toBe(200);
    const event = await only('CLIENT_LOGIN');
    expect(event.details).toMatchObject({ token_id: claims(answer.json.access_token).jti });
    expect(event.details!.refresh_token_id).toBeUndefined();
    expect(event).toMatchObject({ clientId: 'backend', ipAddress: IP, details: { grant_type: 'client_credentials', client_auth_method: 'client-secret', username: 'service-account-backend' } });
  });

  it('CLIENT_LOGIN_ERROR invalid_client for a client without service accounts, with the refusal as reason', async () => {
    const answer = await postToken('acme', { grant_type: 'client_credentials' }, APP);
    expect(answer).toMatchObject({ status: 401, json: { error: 'unauthorized_client', error_description: 'Client not enabled to retrieve service account' } });
    const event = await only('CLIENT_LOGIN_ERROR');
    expect(event).toMatchObject({ clientId: 'app', error: 'invalid_client', details: { reason: 'Client not enabled to retrieve service account' } });
  });
});

describe('refresh_token events', () => {
  async function login(): Promise<Record<string, unknown>> {
    const answer = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'openid' }, APP);
    expect(answer.status).toBe(200);
    since = Date.now();
    return answer.json;
  }

  it('REFRESH_TOKEN with the token type and the session', async () => {
    const tokens = await login();
    const refreshed = await postToken('acme', { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) }, APP);
    expect(refreshed.status).toBe(200);
    const event = await only('REFRESH_TOKEN');
    // The presented refresh token's id, and the new one's as updated_refresh_token_id.
    expect(event.details).toMatchObject({
      token_id: claims(refreshed.json.access_token).jti,
      refresh_token_id: claims(tokens.refresh_token).jti,
      updated_refresh_token_id: claims(refreshed.json.refresh_token).jti,
    });
    expect(event).toMatchObject({ clientId: 'app', sessionId: tokens.session_state, details: { grant_type: 'refresh_token', refresh_token_type: 'Refresh' } });
  });

  it('REFRESH_TOKEN_ERROR invalid_token with the reason, for a bad token and for a wider scope (answered invalid_scope)', async () => {
    const tokens = await login();
    expect((await postToken('acme', { grant_type: 'refresh_token', refresh_token: 'garbage' }, APP)).json).toMatchObject({ error: 'invalid_grant' });
    const wider = await postToken('acme', { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token), scope: 'openid phone' }, APP);
    expect(wider).toMatchObject({ status: 400, json: { error: 'invalid_scope', error_description: 'Invalid scopes: openid phone' } });

    const errors = (await eventsOf(acme)).filter((rep) => rep.type === 'REFRESH_TOKEN_ERROR');
    expect(errors.map((rep) => [rep.error, rep.details?.reason])).toEqual([
      ['invalid_token', 'Invalid refresh token'],
      ['invalid_token', 'Invalid scopes: openid phone'],
    ]);
    expect(errors[1]).toMatchObject({ sessionId: tokens.session_state, clientId: 'app' });
  });
});

describe('brute-force lockout events (DefaultBruteForceProtector.sendEvent)', () => {
  const wrongTwice = async (realm: string) => {
    for (const password of ['wrong-1', 'wrong-2']) expect((await postToken(realm, { grant_type: 'password', username: 'alice', password }, APP)).status).toBe(401);
  };

  it('USER_DISABLED_BY_TEMPORARY_LOCKOUT when failureFactor failures set a lock: no client, the count and the lock end', async () => {
    await wrongTwice('locks-for-a-while');
    const event = await only('USER_DISABLED_BY_TEMPORARY_LOCKOUT', temporary);
    expect(event.clientId).toBeUndefined();
    expect(event).toMatchObject({ ipAddress: IP, details: { reason: 'brute_force_attack detected', num_failures: '2' } });
    const notBefore = Date.parse(`${event.details!.not_before}Z`);
    expect(Math.abs(notBefore - (event.time + 60_000))).toBeLessThan(2_000);
    expect((await eventsOf(temporary)).map((rep) => rep.type).sort()).toEqual(['LOGIN_ERROR', 'LOGIN_ERROR', 'USER_DISABLED_BY_TEMPORARY_LOCKOUT']);
  });

  it('USER_DISABLED_BY_PERMANENT_LOCKOUT when the user is disabled for good, and no temporary one', async () => {
    await wrongTwice('locks-for-good');
    const event = await only('USER_DISABLED_BY_PERMANENT_LOCKOUT', permanent);
    expect(event.clientId).toBeUndefined();
    expect(event).toMatchObject({ ipAddress: IP, details: { reason: 'brute_force_attack detected', num_failures: '2' } });
    expect(event.details!.not_before).toBeUndefined();
    expect((await eventsOf(permanent)).some((rep) => rep.type === 'USER_DISABLED_BY_TEMPORARY_LOCKOUT')).toBe(false);
  });
});

describe('a realm that does not save events', () => {
  it('stores none of them (no listener takes them either)', async () => {
    expect((await postToken('quiet', { grant_type: 'password', username: 'alice', password: 'wonderland' }, APP)).status).toBe(200);
    expect((await postToken('quiet', { grant_type: 'password', username: 'alice', password: 'nope' }, APP)).status).toBe(401);
    expect((await postToken('quiet', { grant_type: 'client_credentials' }, BACKEND)).status).toBe(200);
    expect(await eventsOf(quiet)).toEqual([]);
  });
});
