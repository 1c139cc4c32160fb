import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keysConfig } from '../../shared/crypto/keys-config.js';
import { KeyProviders } from '../../shared/keys/key-providers.js';
import { routePath, routes } from '../../shared/routes.js';
import { createDocumentClient } from '../../shared/store/dynamodb-client.js';
import { Store } from '../../shared/store/store.js';
import { addUser, createFixtureRealm } from '../support/realm-builder.js';
import { sharedStoreRuntimeEnv, spawnRuntime, type SpawnedRuntime } from '../support/spawn-runtime.js';

/*
 * openid-client v6 as the relying party against `npm start` (bin/serve.ts as a child process on a
 * random port, on this run's DynamoDB Local with its own table). The fixture realms are written into
 * that table from this process with the same services the server uses; the child shares the data
 * directory, so it opens the realm keys made here, and revalidates realm configuration on every
 * request (GATEHOUSE_CONFIG_CACHE_SECONDS=0).
 *
 * Expected error responses are Keycloak 26's (status, error, error_description), as an application
 * written against Keycloak sees them through openid-client.
 */

const tableName = `e2e-oidc-${randomUUID()}`;
const ALICE = { username: 'alice', password: 'wonderland-42' };
const KID = 'rp-signing-key-1';
let runtime: SpawnedRuntime;
let signingKey: client.CryptoKey;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-rp-'));
  runtime = await spawnRuntime({
    ...sharedStoreRuntimeEnv({ tableName, dataDir }),
    GATEHOUSE_CONFIG_CACHE_SECONDS: '0',
    KC_BOOTSTRAP_ADMIN_USERNAME: 'root',
    KC_BOOTSTRAP_ADMIN_PASSWORD: 'e2e-Admin-pass',
  });

  // The runtime made the table, the master realm and the master key; the fixtures join them.
  const store = new Store(createDocumentClient(inject('dynamoDbEndpoint')), tableName);
  const keys = new KeyProviders({ ...keysConfig(), custody: 'local', kmsKeyId: undefined, dataDir });
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };

  const app = { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true };
  const user = { ...ALICE, email: 'alice@example.com', firstName: 'Alice', lastName: 'Liddell' };
  const rp = await createFixtureRealm(store, keys, 'rp', {
    clients: [
      app,
      { clientId: 'svc', secret: 'svc-secret', serviceAccountsEnabled: true },
      {
        clientId: 'jwt-svc',
        clientAuthenticatorType: 'client-jwt',
        serviceAccountsEnabled: true,
        attributes: { 'use.jwks.string': 'true', 'jwks.string': JSON.stringify({ keys: [publicJwk] }) },
      },
    ],
  });
  await addUser(store, rp.realm.id, user);
  const rotating = await createFixtureRealm(store, keys, 'rp-rotating', { realm: { revokeRefreshToken: true, refreshTokenMaxReuse: 0 }, clients: [app] });
  await addUser(store, rotating.realm.id, user);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

const issuerUrl = (realm: string) => new URL(`${runtime.baseUrl}/realms/${realm}`);

interface SentRequest {
  readonly url: string;
  readonly headers: Headers;
  readonly body: URLSearchParams;
}

/** A relying-party configuration from discovery, recording what it sends (to check the auth method). */
async function relyingParty(realm: string, clientId: string, auth: client.ClientAuth): Promise<{ config: client.Configuration; sent: SentRequest[] }> {
  const sent: SentRequest[] = [];
  const config = await client.discovery(issuerUrl(realm), clientId, undefined, auth, { execute: [client.allowInsecureRequests] });
  config[client.customFetch] = async (url, options) => {
    sent.push({ url, headers: new Headers(options.headers), body: new URLSearchParams(typeof options.body === 'string' ? options.body : String(options.body ?? '')) });
    return fetch(url, options as RequestInit);
  };
  return { config, sent };
}

const app = (realm = 'rp') => relyingParty(realm, 'app', client.ClientSecretBasic('app-secret'));
const password = (config: client.Configuration, extra: Record<string, string> = {}) =>
  client.genericGrantRequest(config, 'password', { username: ALICE.username, password: ALICE.password, ...extra });

interface Refusal {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly challenge: string | null;
}

/** What the server answered when openid-client reports a failed request. */
async function refusal(request: Promise<unknown>): Promise<Refusal> {
  let failure: unknown;
  try {
    await request;
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) throw new Error('the request was expected to be refused');
  if (failure instanceof client.ResponseBodyError) {
    return { status: failure.status, body: failure.cause, challenge: failure.response.headers.get('www-authenticate') };
  }
  if (failure instanceof client.WWWAuthenticateChallengeError) {
    const response = failure.response;
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: failure.status, body, challenge: response.headers.get('www-authenticate') };
  }
  if (failure instanceof client.ClientError && failure.cause instanceof Response) {
    const response = failure.cause;
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body, challenge: response.headers.get('www-authenticate') };
  }
  throw failure;
}

const oauthError = (error: string, error_description: string) => ({ error, error_description });

describe('openid-client v6 against the local runtime: discovery and the token endpoint', () => {
  it('discovers the realm: issuer, endpoints, and a JWKS that verifies issued tokens', async () => {
    const { config } = await relyingParty('rp', 'svc', client.ClientSecretBasic('svc-secret'));
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(`${runtime.baseUrl}/realms/rp`);
    expect(metadata.token_endpoint).toBe(`${runtime.baseUrl}/realms/rp/protocol/openid-connect/token`);
    expect(metadata.jwks_uri).toBe(`${runtime.baseUrl}/realms/rp/protocol/openid-connect/certs`);
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(['client_credentials', 'password', 'refresh_token']));
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'client_secret_jwt']),
    );

    const tokens = await client.clientCredentialsGrant(config);
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(metadata.jwks_uri!)), { issuer: metadata.issuer });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ typ: 'Bearer', azp: 'svc', preferred_username: 'service-account-svc' });
  });

  it('client_credentials with client_secret_basic', async () => {
    const { config, sent } = await relyingParty('rp', 'svc', client.ClientSecretBasic('svc-secret'));
    const tokens = await client.clientCredentialsGrant(config);
    expect(sent.at(-1)!.headers.get('authorization')).toMatch(/^Basic /);
    expect(sent.at(-1)!.body.has('client_secret')).toBe(false);
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 300, refresh_expires_in: 0, 'not-before-policy': 0 });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.id_token).toBeUndefined();
    expect(decodeJwt(tokens.access_token)).toMatchObject({ iss: `${runtime.baseUrl}/realms/rp`, azp: 'svc', typ: 'Bearer' });
  });

  it('client_credentials with client_secret_post', async () => {
    const { config, sent } = await relyingParty('rp', 'svc', client.ClientSecretPost('svc-secret'));
    const tokens = await client.clientCredentialsGrant(config);
    expect(sent.at(-1)!.headers.get('authorization')).toBeNull();
    expect(sent.at(-1)!.body.get('client_id')).toBe('svc');
    expect(sent.at(-1)!.body.get('client_secret')).toBe('svc-secret');
    expect(decodeJwt(tokens.access_token)).toMatchObject({ azp: 'svc', preferred_username: 'service-account-svc' });
  });

  it('client_credentials with private_key_jwt (the client\'s JWKS in jwks.string)', async () => {
    const { config, sent } = await relyingParty('rp', 'jwt-svc', client.PrivateKeyJwt({ key: signingKey, kid: KID }));
    const tokens = await client.clientCredentialsGrant(config);
    expect(sent.at(-1)!.body.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(decodeJwt(sent.at(-1)!.body.get('client_assertion')!)).toMatchObject({ iss: 'jwt-svc', sub: 'jwt-svc', aud: `${runtime.baseUrl}/realms/rp` });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ azp: 'jwt-svc', preferred_username: 'service-account-jwt-svc' });

    // The same assertion signed by a key the client did not register is refused.
    const stranger = (await generateKeyPair('RS256')).privateKey;
    const { config: impostor } = await relyingParty('rp', 'jwt-svc', client.PrivateKeyJwt({ key: stranger, kid: KID }));
    const refused = await refusal(client.clientCredentialsGrant(impostor));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
  });

  it('password grant without openid: access and refresh token, no ID token', async () => {
    const { config } = await app();
    const tokens = await password(config);
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.refresh_token).toBeTypeOf('string');
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 300, refresh_expires_in: 1800 });
    expect(String(tokens.scope).split(' ').sort()).toEqual(['email', 'profile']);
    expect(tokens.session_state).toBeTypeOf('string');
    expect(decodeJwt(tokens.access_token)).toMatchObject({ azp: 'app', preferred_username: 'alice', sid: tokens.session_state });
  });

  it('password grant with openid: an ID token openid-client validates', async () => {
    const { config } = await app();
    const tokens = await password(config, { scope: 'openid' });
    expect(String(tokens.scope).split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    const id = tokens.claims()!;
    expect(id).toMatchObject({
      iss: `${runtime.baseUrl}/realms/rp`,
      aud: 'app',
      azp: 'app',
      typ: 'ID',
      preferred_username: 'alice',
      email: 'alice@example.com',
      name: 'Alice Liddell',
      sid: tokens.session_state,
    });
    expect(id.sub).toBe(decodeJwt(tokens.access_token).sub);
  });

  it('refresh with rotation off: every refresh token of the session stays usable', async () => {
    const { config } = await app();
    const login = await password(config, { scope: 'openid' });
    const first = await client.refreshTokenGrant(config, login.refresh_token!);
    expect(first.session_state).toBe(login.session_state);
    expect(first.id_token).toBeTypeOf('string');
    // Rotation off: the original refresh token may be used again, and the new one too.
    const again = await client.refreshTokenGrant(config, login.refresh_token!);
    expect(again.session_state).toBe(login.session_state);
    const next = await client.refreshTokenGrant(config, first.refresh_token!);
    expect(next.session_state).toBe(login.session_state);
  });

  it('refresh with rotation on (revokeRefreshToken, refreshTokenMaxReuse 0): reuse is detected and ends the session', async () => {
    const { config } = await app('rp-rotating');
    const login = await password(config);
    const rotated = await client.refreshTokenGrant(config, login.refresh_token!);
    expect(rotated.refresh_token).not.toBe(login.refresh_token);

    const reused = await refusal(client.refreshTokenGrant(config, login.refresh_token!));
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual(oauthError('invalid_grant', 'Maximum allowed refresh token reuse exceeded'));

    // The reuse may mean the token was stolen: the session is gone, so even the newest token fails.
    const newest = await refusal(client.refreshTokenGrant(config, rotated.refresh_token!));
    expect(newest.status).toBe(400);
    expect(newest.body.error).toBe('invalid_grant');
  });
});

describe('openid-client v6 against the local runtime: the token endpoint\'s errors', () => {
  it('invalid_client: wrong secret or unknown client → 401', async () => {
    const { config: wrongSecret } = await relyingParty('rp', 'svc', client.ClientSecretBasic('not-the-secret'));
    const wrong = await refusal(client.clientCredentialsGrant(wrongSecret));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(oauthError('invalid_client', 'Invalid client or Invalid client credentials'));

    const { config: unknown } = await relyingParty('rp', 'nobody', client.ClientSecretPost('whatever'));
    const nobody = await refusal(client.clientCredentialsGrant(unknown));
    expect(nobody.status).toBe(401);
    expect(nobody.body).toEqual(oauthError('invalid_client', 'Invalid client or Invalid client credentials'));
  });

  it('invalid_grant: wrong user password (401), malformed refresh token (400)', async () => {
    const { config } = await app();
    const wrong = await refusal(client.genericGrantRequest(config, 'password', { username: 'alice', password: 'not-it' }));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(oauthError('invalid_grant', 'Invalid user credentials'));

    const garbage = await refusal(client.refreshTokenGrant(config, 'not.a-refresh.token'));
    expect(garbage.status).toBe(400);
    expect(garbage.body).toEqual(oauthError('invalid_grant', 'Invalid refresh token'));
  });

  it('unauthorized_client: password grant for a client without direct access grants (400)', async () => {
    const { config } = await relyingParty('rp', 'svc', client.ClientSecretBasic('svc-secret'));
    const refused = await refusal(password(config));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(oauthError('unauthorized_client', 'Client not allowed for direct access grants'));
  });

  it('unauthorized_client: client_credentials for a client without service accounts (401, as Keycloak\'s ClientCredentialsGrantType)', async () => {
    const { config } = await app();
    const refused = await refusal(client.clientCredentialsGrant(config));
    expect(refused.body).toEqual(oauthError('unauthorized_client', 'Client not enabled to retrieve service account'));
    expect(refused.status).toBe(401);
  });

  it('unsupported_grant_type (400)', async () => {
    const { config } = await app();
    const refused = await refusal(client.genericGrantRequest(config, 'urn:example:params:oauth:grant-type:magic', { anything: 'x' }));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(oauthError('unsupported_grant_type', 'Unsupported grant_type'));
  });

  it('invalid_scope: a scope the client does not have (400)', async () => {
    const { config } = await app();
    const refused = await refusal(password(config, { scope: 'openid nonsense' }));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(oauthError('invalid_scope', 'Invalid scopes: openid nonsense'));
  });

  it('invalid_request: refresh_token grant without a refresh token (400 "No refresh token", Keycloak\'s RefreshTokenGrantType)', async () => {
    const { config } = await app();
    const refused = await refusal(client.genericGrantRequest(config, 'refresh_token', {}));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(oauthError('invalid_request', 'No refresh token'));
  });

  it('invalid_request: password grant without a username (401, as Keycloak\'s direct grant ValidateUsername)', async () => {
    const { config } = await app();
    const refused = await refusal(client.genericGrantRequest(config, 'password', { password: ALICE.password }));
    expect(refused.body).toEqual(oauthError('invalid_request', 'Missing parameter: username'));
    expect(refused.status).toBe(401);
  });
});

// Userinfo, introspection, revocation and logout are being built now; these cases switch on by
// themselves once their routes are in the route table.
const sessionEndpointsLanded = routes.some((route) => route.name === ('oidc.userinfo' as string));

describe.skipIf(!sessionEndpointsLanded)('openid-client v6 against the local runtime: userinfo, introspection, revocation, logout', () => {
  it('userinfo: the profile and email claims of an openid access token', async () => {
    const { config } = await app();
    const tokens = await password(config, { scope: 'openid' });
    const sub = decodeJwt(tokens.access_token).sub!;
    const info = await client.fetchUserInfo(config, tokens.access_token, sub);
    expect(info).toEqual({
      sub,
      email_verified: false,
      name: 'Alice Liddell',
      preferred_username: 'alice',
      given_name: 'Alice',
      family_name: 'Liddell',
      email: 'alice@example.com',
    });
  });

  it('userinfo: an invalid token is refused with 401 and a Bearer challenge (RFC 6750 §3)', async () => {
    const { config } = await app();
    const refused = await refusal(client.fetchUserInfo(config, 'not-a-token', client.skipSubjectCheck));
    expect(refused.status).toBe(401);
    expect(refused.challenge).toMatch(/^Bearer /);
    expect(refused.challenge).toContain('error="invalid_token"');
  });

  it('userinfo: a token issued without the openid scope is refused (403 insufficient_scope)', async () => {
    const { config } = await app();
    const tokens = await password(config);
    const refused = await refusal(client.fetchUserInfo(config, tokens.access_token, client.skipSubjectCheck));
    expect(refused.status).toBe(403);
    expect(refused.challenge).toContain('error="insufficient_scope"');
  });

  it('introspection: active tokens with their claims; anything else inactive; the caller must authenticate', async () => {
    const { config } = await app();
    const tokens = await password(config, { scope: 'openid' });
    const access = await client.tokenIntrospection(config, tokens.access_token);
    expect(access).toMatchObject({
      active: true,
      client_id: 'app',
      username: 'alice',
      token_type: 'Bearer',
      sub: decodeJwt(tokens.access_token).sub,
      azp: 'app',
      sid: tokens.session_state,
    });
    const refresh = await client.tokenIntrospection(config, tokens.refresh_token!);
    expect(refresh).toMatchObject({ active: true, typ: 'Refresh', client_id: 'app' });
    expect(await client.tokenIntrospection(config, 'not-a-token')).toEqual({ active: false });

    const { config: wrongSecret } = await relyingParty('rp', 'app', client.ClientSecretBasic('not-the-secret'));
    const refused = await refusal(client.tokenIntrospection(wrongSecret, tokens.access_token));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
  });

  it('revocation: a revoked refresh token no longer refreshes, and its session\'s tokens turn inactive', async () => {
    const { config } = await app();
    const tokens = await password(config);
    await client.tokenRevocation(config, tokens.refresh_token!);
    const refused = await refusal(client.refreshTokenGrant(config, tokens.refresh_token!));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });
  });

  it('revocation: a revoked access token turns inactive; the caller must authenticate', async () => {
    const { config } = await app();
    const tokens = await password(config);
    await client.tokenRevocation(config, tokens.access_token);
    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });

    const { config: wrongSecret } = await relyingParty('rp', 'app', client.ClientSecretBasic('not-the-secret'));
    const refused = await refusal(client.tokenRevocation(wrongSecret, tokens.refresh_token!));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
  });

  it('logout: POST with client authentication and the refresh token ends the session (204)', async () => {
    const { config } = await app();
    const tokens = await password(config);
    // Keycloak's backchannel logout URL, as Keycloak adapters build it (the browser end_session_endpoint
    // is not advertised until RP-initiated logout exists).
    const endpoint = `${runtime.baseUrl}${routePath('oidc.logout', { realm: 'rp' })}`;
    const logout = (form: Record<string, string>) =>
      fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('app:app-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });

    const missing = await logout({});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual(oauthError('invalid_request', 'No refresh token'));

    const done = await logout({ refresh_token: tokens.refresh_token! });
    expect(done.status).toBe(204);
    const refused = await refusal(client.refreshTokenGrant(config, tokens.refresh_token!));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });
  });
});
