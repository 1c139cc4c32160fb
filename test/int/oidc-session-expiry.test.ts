import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { realmConfigChanged } from '../../shared/realm/config-changes.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { userSessionKey } from '../../shared/store/keys.js';
import { RealmsRepository } from '../../shared/store/realms.js';
import type { UserSessionRecord } from '../../shared/store/sessions.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, postToken, realmWith, type HttpAnswer } from '../support/token-fixture.js';

/*
 * Session idle and max lifespans across refreshes (Keycloak's TokenManager.refreshAccessToken sets the
 * user session's lastSessionRefresh and the client session's timestamp; SessionExpirationUtils and
 * AuthenticationManager.isSessionValid decide from those, with a 120 s idle grace). Time is moved
 * with a fake clock (only Date: DynamoDB Local does not mind), so idle windows of a minute pass at once.
 */

let store: Store;
const realms: Record<string, RealmConfig> = {};
const APP = basic('app', 'app-secret');
const IDLE = 60;
const setup = (realm: Record<string, unknown>) => ({
  realm,
  clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true }],
  users: [{ username: 'alice', password: 'wonderland' }],
});

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  realms.idle = await realmWith(store, 'idle', setup({ ssoSessionIdleTimeout: IDLE, ssoSessionMaxLifespan: 36000 }));
  realms.rotating = await realmWith(store, 'idle-rotating', setup({ ssoSessionIdleTimeout: IDLE, revokeRefreshToken: true, refreshTokenMaxReuse: 0 }));
  realms.offline = await realmWith(store, 'offline-idle', setup({ offlineSessionIdleTimeout: IDLE, offlineSessionMaxLifespanEnabled: false }));
  realms.capped = await realmWith(store, 'capped', setup({ ssoSessionIdleTimeout: IDLE, ssoSessionMaxLifespan: 150 }));
  realms.lowered = await realmWith(store, 'lowered', setup({ ssoSessionIdleTimeout: 600 }));
  realms.remembered = await realmWith(store, 'remembered', setup({ ssoSessionIdleTimeout: IDLE, ssoSessionIdleTimeoutRememberMe: 600 }));
});

let clock = 0;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  clock = Math.floor(Date.now() / 1000) * 1000;
  vi.setSystemTime(clock);
});
afterEach(() => {
  vi.useRealTimers();
});
const advance = (seconds: number) => vi.setSystemTime((clock += seconds * 1000));

async function login(realm: string, scope?: string): Promise<string> {
  const answer = await postToken(realm, { grant_type: 'password', username: 'alice', password: 'wonderland', ...(scope ? { scope } : {}) }, APP);
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return String(answer.json.refresh_token);
}

const refresh = (realm: string, token: string): Promise<HttpAnswer> => postToken(realm, { grant_type: 'refresh_token', refresh_token: token }, APP);

/** Refreshes every `every` seconds, `times` times, each with the token the previous one returned. */
async function keepRefreshing(realm: string, token: string, every: number, times: number): Promise<string> {
  let current = token;
  for (let i = 1; i <= times; i++) {
    advance(every);
    const answer = await refresh(realm, current);
    expect(answer.status, `refresh ${i} after ${i * every} s: ${JSON.stringify(answer.json)}`).toBe(200);
    current = String(answer.json.refresh_token);
  }
  return current;
}

describe('session idle timeout across refreshes', () => {
  // 6 refreshes 50 s apart: 300 s, past two idle windows and the 120 s grace of the first one.
  it('a session refreshed within each idle window lives on, its client session too', async () => {
    const last = await keepRefreshing('idle', await login('idle'), 50, 6);
    expect(claims(last).exp).toBe(Math.floor(clock / 1000) + IDLE);
  });

  it('the same with refresh-token rotation (the reuse check runs on the extended client session)', async () => {
    await keepRefreshing('idle-rotating', await login('idle-rotating'), 50, 6);
  });

  it('a refresh after the idle window is refused: the refresh token expired with it (TokenVerifier.IS_ACTIVE)', async () => {
    const last = await keepRefreshing('idle', await login('idle'), 50, 3);
    advance(IDLE + 1);
    const late = await refresh('idle', last);
    expect(late.status).toBe(400);
    expect(late.json).toEqual({ error: 'invalid_grant', error_description: 'Token is not active' });
  });

  it('offline sessions use offlineSessionIdleTimeout: kept alive by refreshes, gone after an idle window without', async () => {
    const first = await login('offline-idle', 'offline_access');
    expect(claims(first).typ).toBe('Offline');
    // Without offlineSessionMaxLifespanEnabled the offline token carries no exp: only the session decides.
    expect(claims(first).exp).toBeUndefined();
    const last = await keepRefreshing('offline-idle', first, 50, 6);
    advance(IDLE + 121);
    const late = await refresh('offline-idle', last);
    expect(late.status).toBe(400);
    expect(late.json).toEqual({ error: 'invalid_grant', error_description: 'Offline user session not found' });
  });

  it('refreshes never carry a session past its max lifespan', async () => {
    const last = await keepRefreshing('capped', await login('capped'), 50, 2);
    // 100 s in: the refresh token ends with the max lifespan (150 s), before the idle window (160 s).
    expect(claims(last).exp).toBe(Math.floor(clock / 1000) + 50);
    advance(51);
    expect((await refresh('capped', last)).json).toEqual({ error: 'invalid_grant', error_description: 'Token is not active' });
  });

  it('stores the capped expiry when a refresh reaches the max lifespan (a session item is never kept past it)', async () => {
    const token = await login('capped');
    const sid = String(claims(token).sid);
    const last = await keepRefreshing('capped', token, 50, 2);
    expect(last).toBeTruthy();
    const session = await store.get<UserSessionRecord>(userSessionKey(realms.capped!.realm.id, sid, false), { consistent: true });
    expect(session!.expiresAt).toBe(session!.started + 150 + 120);
  });

  it('a "remember me" session is valid for the realm\'s remember-me idle timeout, and stored with it', async () => {
    const token = await login('remembered');
    const key = userSessionKey(realms.remembered!.realm.id, String(claims(token).sid), false);
    // Only a browser login sets rememberMe; the item is marked as one would be.
    const item = (await store.get<UserSessionRecord>(key, { consistent: true }))!;
    await store.put({ ...item, rememberMe: true });
    const answer = await refresh('remembered', token);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const now = Math.floor(clock / 1000);
    expect((await store.get<UserSessionRecord>(key, { consistent: true }))!.expiresAt).toBe(now + 600 + 120);
    // Past the plain idle window and its grace, within the remember-me one: still active.
    advance(IDLE + 200);
    const later = await refresh('remembered', String(answer.json.refresh_token));
    expect(later.status, JSON.stringify(later.json)).toBe(200);
  });

  it('a session past the realm\'s current idle timeout is not active, even with an unexpired refresh token', async () => {
    const token = await login('lowered');
    const realmsRepo = new RealmsRepository(store);
    const record = (await realmsRepo.getById(realms.lowered!.realm.id, { consistent: true }))!;
    await realmsRepo.update(record, { ...record.rep, realm: 'lowered', ssoSessionIdleTimeout: IDLE });
    realmConfigChanged(realms.lowered!.realm.id);
    advance(IDLE + 121);
    const answer = await refresh('lowered', token);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
  });
});
