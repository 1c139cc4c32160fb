import { decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { realmConfigChanged } from '../../shared/realm/config-changes.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { userRoleMappingKey } from '../../shared/store/keys.js';
import { RealmsRepository } from '../../shared/store/realms.js';
import type { Store } from '../../shared/store/store.js';
import { UsersRepository } from '../../shared/store/users.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, HOST, postToken, realmWith } from '../support/token-fixture.js';

let store: Store;
let acme: RealmConfig;
const ISSUER = `https://${HOST}/realms/acme`;

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  acme = await realmWith(store, 'acme', {
    clients: [
      { clientId: 'backend', secret: 'backend-secret', serviceAccountsEnabled: true },
      { clientId: 'robot', secret: 'robot-secret', serviceAccountsEnabled: true },
      { clientId: 'consenting', secret: 'consenting-secret', directAccessGrantsEnabled: true, consentRequired: true },
      { clientId: 'revoked', secret: 'revoked-secret', directAccessGrantsEnabled: true, notBefore: 1_000_000 },
      { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true, webOrigins: ['https://app.example.com'] },
      { clientId: 'cli', publicClient: true, directAccessGrantsEnabled: true },
    ],
    users: [
      { username: 'Alice', email: 'alice@example.com', firstName: 'Alice', lastName: 'Liddell', password: 'wonderland' },
      { username: 'homebody', password: 'stay-online' },
    ],
  });
});

const users = () => new UsersRepository(store);
async function userNamed(username: string) {
  const id = await users().idForUsername(acme.realm.id, username);
  return (await users().load(acme.realm.id, id!))!;
}

describe('token endpoint: client_credentials', () => {
  it("issues Keycloak's response and access token for the service account", async () => {
    const answer = await postToken('acme', { grant_type: 'client_credentials' }, basic('backend', 'backend-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.pragma).toBe('no-cache');
    expect(Object.keys(answer.json)).toEqual(['access_token', 'expires_in', 'refresh_expires_in', 'token_type', 'not-before-policy', 'scope']);
    expect(answer.json).toMatchObject({ expires_in: 300, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0 });
    const token = claims(answer.json.access_token);
    expect(token).toMatchObject({
      iss: ISSUER,
      typ: 'Bearer',
      azp: 'backend',
      preferred_username: 'service-account-backend',
      client_id: 'backend',
      clientHost: '203.0.113.7',
      clientAddress: '203.0.113.7',
    });
    expect(token.sid).toBeUndefined();
    expect((token.realm_access as { roles: string[] }).roles.sort()).toEqual(['default-roles-acme', 'offline_access', 'uma_authorization']);
    expect(String(token.scope).split(' ').sort()).toEqual(['email', 'profile']); // service_account is not included in the scope claim
  });

  it('refuses a wrong secret with 401 invalid_client and a Basic challenge', async () => {
    const answer = await postToken('acme', { grant_type: 'client_credentials' }, basic('backend', 'nope'));
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
    expect(answer.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it("refuses a disabled service-account user as Keycloak's ClientCredentialsGrantType: 401 invalid_request", async () => {
    const robot = await userNamed('service-account-robot');
    await users().updateRep(robot.user, { ...robot.user.rep, enabled: false });
    const answer = await postToken('acme', { grant_type: 'client_credentials' }, basic('robot', 'robot-secret'));
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: 'invalid_request', error_description: "User 'service-account-robot' disabled" });
  });

  it('refuses clients without service accounts', async () => {
    const answer = await postToken('acme', { grant_type: 'client_credentials', client_id: 'app', client_secret: 'app-secret' });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: 'unauthorized_client', error_description: 'Client not enabled to retrieve service account' });
  });
});

describe('token endpoint: password and refresh_token', () => {
  it('logs a user in with openid and maps the built-in scopes', async () => {
    const answer = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'openid' }, basic('app', 'app-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(Object.keys(answer.json)).toEqual(['access_token', 'expires_in', 'refresh_expires_in', 'refresh_token', 'token_type', 'id_token', 'not-before-policy', 'session_state', 'scope']);
    expect(answer.json.refresh_expires_in).toBe(1800);
    const access = claims(answer.json.access_token);
    expect(access).toMatchObject({
      iss: ISSUER,
      typ: 'Bearer',
      azp: 'app',
      sid: answer.json.session_state,
      preferred_username: 'alice',
      email: 'alice@example.com',
      email_verified: false,
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      aud: 'account',
      acr: '1',
      'allowed-origins': ['https://app.example.com'],
    });
    expect(access.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect((access.resource_access as Record<string, { roles: string[] }>).account!.roles.sort()).toEqual(['manage-account', 'manage-account-links', 'view-profile']);
    const id = claims(answer.json.id_token);
    expect(id).toMatchObject({ typ: 'ID', aud: 'app', azp: 'app', sub: access.sub, preferred_username: 'alice', sid: answer.json.session_state });
    expect(id.at_hash).toBeTypeOf('string');
    const refresh = claims(answer.json.refresh_token);
    expect(refresh).toMatchObject({ typ: 'Refresh', aud: ISSUER, azp: 'app', sub: access.sub, sid: answer.json.session_state });
    // Keycloak signs refresh tokens with the realm's HMAC key (hmac-generated, HS512); access and ID
    // tokens with its RS256 key.
    expect(decodeProtectedHeader(String(answer.json.refresh_token)).alg).toBe('HS512');
    expect(decodeProtectedHeader(String(answer.json.access_token)).alg).toBe('RS256');
    expect(decodeProtectedHeader(String(answer.json.id_token)).alg).toBe('RS256');
  });

  it('answers wrong credentials as Keycloak does', async () => {
    const wrong = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'nope' }, basic('app', 'app-secret'));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    const nobody = await postToken('acme', { grant_type: 'password', username: 'bob', password: 'x' }, basic('app', 'app-secret'));
    expect(nobody.status).toBe(401);
    const noDirect = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland' }, basic('backend', 'backend-secret'));
    expect(noDirect.json).toEqual({ error: 'unauthorized_client', error_description: 'Client not allowed for direct access grants' });
  });

  it('refreshes tokens for a public client, keeping the session', async () => {
    const login = await postToken('acme', { grant_type: 'password', username: 'alice@example.com', password: 'wonderland', client_id: 'cli' });
    expect(login.status, JSON.stringify(login.json)).toBe(200);
    const refreshed = await postToken('acme', { grant_type: 'refresh_token', refresh_token: String(login.json.refresh_token), client_id: 'cli' });
    expect(refreshed.status, JSON.stringify(refreshed.json)).toBe(200);
    expect(refreshed.json.session_state).toBe(login.json.session_state);
    // Another client may not use it.
    const stolen = await postToken('acme', { grant_type: 'refresh_token', refresh_token: String(login.json.refresh_token) }, basic('app', 'app-secret'));
    expect(stolen.status).toBe(400);
    expect(stolen.json.error).toBe('invalid_grant');
  });

  it('refuses a disabled realm as Keycloak does', async () => {
    await realmWith(store, 'closed', { realm: { enabled: false }, clients: [{ clientId: 'backend', secret: 's', serviceAccountsEnabled: true }] });
    const answer = await postToken('closed', { grant_type: 'client_credentials' }, basic('backend', 's'));
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ error: 'access_denied', error_description: 'Realm not enabled' });
  });

  it('handles protocol errors in RFC 6749 form', async () => {
    expect((await postToken('acme', {}, basic('app', 'app-secret'))).json).toEqual({ error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
    expect((await postToken('acme', { grant_type: 'magic' }, basic('app', 'app-secret'))).json).toEqual({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
    const scope = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'openid nonsense' }, basic('app', 'app-secret'));
    expect(scope.json).toEqual({ error: 'invalid_scope', error_description: 'Invalid scopes: openid nonsense' });
  });
});

describe('token endpoint: Keycloak refusals and policies of the password grant', () => {
  it('refuses a client that requires consent: 400 invalid_client (the direct grant cannot ask for it)', async () => {
    const answer = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland' }, basic('consenting', 'consenting-secret'));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_client', error_description: 'Client requires user consent' });
    expect(answer.headers['www-authenticate']).toBeUndefined();
  });

  it("refuses offline tokens to a user without the offline_access role with Keycloak's not_allowed, before any write", async () => {
    const homebody = await userNamed('homebody');
    const defaultRoles = acme.realmRoles.find((role) => role.rep.name === 'default-roles-acme')!;
    await store.deleteMany([userRoleMappingKey(acme.realm.id, homebody.user.rep.id, defaultRoles.rep.id)]);
    // A changed password policy makes the next successful login rehash the password (pbkdf2 → argon2).
    const realms = new RealmsRepository(store);
    const record = (await realms.getById(acme.realm.id, { consistent: true }))!;
    await realms.update(record, { ...record.rep, realm: 'acme', passwordPolicy: 'hashAlgorithm(pbkdf2-sha512)' });
    realmConfigChanged(acme.realm.id);
    const before = (await userNamed('homebody')).credentials.find((c) => c.type === 'password')!;

    const refused = await postToken('acme', { grant_type: 'password', username: 'homebody', password: 'stay-online', scope: 'offline_access' }, basic('app', 'app-secret'));
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ error: 'not_allowed', error_description: 'Offline tokens not allowed for the user or client' });
    expect((await userNamed('homebody')).credentials.find((c) => c.type === 'password')!.secretData).toBe(before.secretData);

    // An online login is fine, and does the rehash the refused one did not.
    const online = await postToken('acme', { grant_type: 'password', username: 'homebody', password: 'stay-online' }, basic('app', 'app-secret'));
    expect(online.status, JSON.stringify(online.json)).toBe(200);
    expect((await userNamed('homebody')).credentials.find((c) => c.type === 'password')!.secretData).not.toBe(before.secretData);
    const after = (await realms.getById(acme.realm.id, { consistent: true }))!;
    await realms.update(after, { ...after.rep, realm: 'acme', passwordPolicy: '' });
    realmConfigChanged(acme.realm.id);
  });

  it("reports the latest of the realm's, client's and user's notBefore as not-before-policy", async () => {
    const answer = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland' }, basic('revoked', 'revoked-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json['not-before-policy']).toBe(1_000_000);
    const alice = await userNamed('alice');
    await users().updateRep(alice.user, { ...alice.user.rep, notBefore: 2_000_000 });
    const again = await postToken('acme', { grant_type: 'password', username: 'alice', password: 'wonderland' }, basic('revoked', 'revoked-secret'));
    expect(again.json['not-before-policy']).toBe(2_000_000);
  });
});
