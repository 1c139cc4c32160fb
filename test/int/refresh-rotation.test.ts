import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, postToken, realmWith, type HttpAnswer } from '../support/token-fixture.js';

/*
 * Refresh-token rotation under concurrency (Keycloak's TokenManager.validateTokenReuse, realm settings
 * revokeRefreshToken / refreshTokenMaxReuse): with rotation on, one refresh token may be used
 * 1 + refreshTokenMaxReuse times, however many requests race for it; with rotation off, any number.
 */

const CONCURRENT = 100;
let store: Store;

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  const setup = (realm: Record<string, unknown>) => ({
    realm,
    clients: [{ clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true }],
    users: [{ username: 'alice', password: 'wonderland' }],
  });
  await realmWith(store, 'rotate-once', setup({ revokeRefreshToken: true, refreshTokenMaxReuse: 0 }));
  await realmWith(store, 'rotate-thrice', setup({ revokeRefreshToken: true, refreshTokenMaxReuse: 2 }));
  await realmWith(store, 'no-rotation', setup({ revokeRefreshToken: false }));
});

const APP = basic('app', 'app-secret');

async function login(realm: string): Promise<string> {
  const answer = await postToken(realm, { grant_type: 'password', username: 'alice', password: 'wonderland' }, APP);
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return String(answer.json.refresh_token);
}

async function raceRefreshes(realm: string, refreshToken: string): Promise<HttpAnswer[]> {
  return Promise.all(Array.from({ length: CONCURRENT }, () => postToken(realm, { grant_type: 'refresh_token', refresh_token: refreshToken }, APP)));
}

function tally(answers: HttpAnswer[]): { ok: HttpAnswer[]; refused: HttpAnswer[]; other: HttpAnswer[] } {
  return {
    ok: answers.filter((a) => a.status === 200),
    refused: answers.filter((a) => a.status === 400 && a.json.error === 'invalid_grant'),
    other: answers.filter((a) => a.status !== 200 && !(a.status === 400 && a.json.error === 'invalid_grant')),
  };
}

const summary = (answers: HttpAnswer[]) => JSON.stringify([...new Set(answers.map((a) => `${a.status} ${JSON.stringify(a.json.error_description ?? a.json.error ?? '')}`))]);

describe('refresh-token rotation under concurrency', () => {
  it(`rotation on, refreshTokenMaxReuse 0: of ${CONCURRENT} concurrent refreshes exactly one succeeds`, async () => {
    const answers = await raceRefreshes('rotate-once', await login('rotate-once'));
    const { ok, refused, other } = tally(answers);
    expect(other, summary(other)).toEqual([]);
    expect(ok.length, summary(answers)).toBe(1);
    expect(refused.length).toBe(CONCURRENT - 1);
    // Every loser is told why: the token was used more often than allowed (or, having lost after the
    // session ended, that the session is gone).
    for (const answer of refused) {
      expect(['Maximum allowed refresh token reuse exceeded', 'Session not active']).toContain(answer.json.error_description);
    }
    expect(refused.some((answer) => answer.json.error_description === 'Maximum allowed refresh token reuse exceeded')).toBe(true);
    expect(ok[0]!.json.refresh_token).toBeTypeOf('string');
  });

  it(`rotation on, refreshTokenMaxReuse 2: of ${CONCURRENT} concurrent refreshes exactly three succeed`, async () => {
    const answers = await raceRefreshes('rotate-thrice', await login('rotate-thrice'));
    const { ok, refused, other } = tally(answers);
    expect(other, summary(other)).toEqual([]);
    expect(ok.length, summary(answers)).toBe(3);
    expect(refused.length).toBe(CONCURRENT - 3);
    // Each success is a distinct new refresh token.
    expect(new Set(ok.map((a) => a.json.refresh_token)).size).toBe(3);
  });

  it(`rotation off: all ${CONCURRENT} concurrent refreshes succeed, and the session lives on`, async () => {
    const token = await login('no-rotation');
    const answers = await raceRefreshes('no-rotation', token);
    const { ok } = tally(answers);
    expect(ok.length, summary(answers)).toBe(CONCURRENT);
    expect(new Set(ok.map((a) => a.json.session_state)).size).toBe(1);
    const again = await postToken('no-rotation', { grant_type: 'refresh_token', refresh_token: token }, APP);
    expect(again.status, JSON.stringify(again.json)).toBe(200);
  });

  it('rotation on: after the race, the session is over for every token of it (reuse detection)', async () => {
    const token = await login('rotate-once');
    const answers = await raceRefreshes('rotate-once', token);
    // The reuse ended the session: neither the raced token nor any token handed out in the race refreshes.
    const issued = answers.filter((a) => a.status === 200).map((a) => String(a.json.refresh_token));
    for (const refreshToken of [token, ...issued]) {
      const next = await postToken('rotate-once', { grant_type: 'refresh_token', refresh_token: refreshToken }, APP);
      expect(next.status).toBe(400);
      expect(next.json.error).toBe('invalid_grant');
    }
  });
});
