import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keyIdOf } from '../../shared/crypto/jwk.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { realmCreation } from '../../shared/realm/create-realm.js';
import { exportRealm, fullExport } from '../../shared/realm/export/export-realm.js';
import { importRealm, parseRealm } from '../../shared/realm/import/import-realm.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { RealmsRepository } from '../../shared/store/realms.js';
import { UsersRepository } from '../../shared/store/users.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';
import { freshTable } from '../support/tables.js';
import { PASSWORDS } from '../fixtures/realms/passwords.js';

const fixture = async (name: string) => JSON.parse(await readFile(new URL(`../fixtures/realms/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

let server: AdminServer;

beforeAll(async () => {
  server = await startAdminServer();
});
afterAll(() => server?.close());

async function passwordGrant(realm: string, clientId: string, username: string, password: string) {
  const response = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;

describe('a Keycloak 26 realm export', () => {
  beforeAll(async () => {
    await server.kc.realms.create(await fixture('keycloak-26-acme.json'));
  });

  it('imports through POST /admin/realms with its settings, content and built-ins used, not duplicated', async () => {
    const realm = await server.kc.realms.findOne({ realm: 'acme' });
    expect(realm).toMatchObject({ id: 'acme-id', realm: 'acme', displayName: 'ACME Corp', enabled: true, bruteForceProtected: true, passwordPolicy: 'length(8) and notUsername(undefined)' });
    expect(realm).not.toHaveProperty('authenticationFlows');
    expect((realm as Record<string, any>)['smtpServer'].password).toBe('**********');
    const clients = await server.kc.clients.find({ realm: 'acme' });
    const clientIds = clients.map((client) => client.clientId).sort();
    expect(clientIds).toEqual(['account', 'account-console', 'admin-cli', 'broker', 'orders-api', 'realm-management', 'security-admin-console', 'web-app']);
    const scopes = await server.kc.clientScopes.find({ realm: 'acme' });
    expect(scopes.filter((scope) => scope.name === 'profile')).toHaveLength(1);
    expect(scopes.map((scope) => scope.name)).toContain('orders');
    const roles = await server.kc.roles.find({ realm: 'acme' });
    expect(roles.map((role) => role.name).sort()).toEqual(['app-admin', 'app-user', 'default-roles-acme', 'offline_access', 'uma_authorization']);
    const config = (await loadRealmConfig(server.store, 'acme-id'))!;
    const admin = config.realmRoles.find((role) => role.rep.name === 'app-admin')!;
    expect(admin.composites).toHaveLength(2);
  });

  it('keeps the realm keys the file brings (the kid follows the public key) and adds none for their algorithms', async () => {
    const file = await fixture('keycloak-26-acme.json');
    const hmac = ((file['components'] as any)['org.keycloak.keys.KeyProvider'] as any[]).find((c) => c.providerId === 'hmac-generated');
    const rsa = ((file['components'] as any)['org.keycloak.keys.KeyProvider'] as any[]).find((c) => c.providerId === 'rsa-generated');
    const kid = keyIdOf(createPublicKey(createPrivateKey({ key: Buffer.from(rsa.config.privateKey[0], 'base64'), format: 'der', type: 'pkcs8' })));
    const keys = await server.kc.realms.getKeys({ realm: 'acme' });
    expect(keys.active!['RS256']).toBe(kid);
    expect(keys.keys!.map((key) => key.algorithm).sort()).toEqual(['HS512', 'RS256']);
    expect(keys.active!['HS512']).toBe(hmac.config.kid[0]);
    expect(keys.keys!.find((key) => key.algorithm === 'RS256')).toMatchObject({ providerId: 'rsa-generated', status: 'ACTIVE', type: 'RSA', providerPriority: 100 });
  });

  it('lets users log in with the password hashes they had: pbkdf2-sha256, argon2id and legacy pbkdf2', async () => {
    for (const [username, password] of [['alice', PASSWORDS.alice], ['bob', PASSWORDS.bob], ['carol', PASSWORDS.carol]] as const) {
      const answer = await passwordGrant('acme', 'web-app', username, password);
      expect(answer.status, `${username}: ${JSON.stringify(answer.body)}`).toBe(200);
    }
    expect((await passwordGrant('acme', 'web-app', 'alice', 'wrong-password')).status).toBe(401);
  });

  it('keeps role mappings, group memberships and service accounts', async () => {
    const alice = await passwordGrant('acme', 'web-app', 'alice', PASSWORDS.alice);
    const claims = claimsOf(alice.body['access_token']);
    // web-app has no full scope: its scope mappings (app-user, orders-api's orders.read) limit the token.
    expect(claims['realm_access'].roles).toContain('app-user');
    expect(claims['resource_access']['orders-api'].roles).toContain('orders.read');
    const [user] = await server.kc.users.find({ realm: 'acme', username: 'alice', exact: true }).catch(() => [undefined]);
    const aliceId = user?.id ?? (await new UsersRepository(server.store).idForUsername('acme-id', 'alice'))!;
    const data = (await new UsersRepository(server.store).load('acme-id', aliceId))!;
    expect(data.groupIds).toHaveLength(1);
    const links = (await new UsersRepository(server.store).loadPartition('acme-id', aliceId))!.federatedIdentities;
    expect(links.map(({ identityProvider, userId, userName }) => ({ identityProvider, userId, userName }))).toEqual([{ identityProvider: 'github', userId: '1001', userName: 'alice-gh' }]);
    expect(data.user.rep.attributes).toEqual({ department: ['engineering'] });
    // Usernames and emails are lower-cased, required actions matched to Keycloak's aliases.
    const erin = (await new UsersRepository(server.store).load('acme-id', (await new UsersRepository(server.store).idForUsername('acme-id', 'erin'))!))!;
    expect(erin.user.rep).toMatchObject({ username: 'erin', email: 'erin@acme.test', enabled: false, requiredActions: ['UPDATE_PROFILE', 'VERIFY_EMAIL'] });
    const service = await fetch(`${server.baseUrl}${routePath('oidc.token', { realm: 'acme' })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'orders-api', client_secret: 'orders-api-secret-0123456789abcdef' }),
    });
    expect(service.status).toBe(200);
  });

  it('exports in Keycloak format and imports into a fresh table as the same realm', async () => {
    const exported = (await exportRealm(server.store, 'acme-id'))!;
    const { store } = await freshTable();
    await importRealm(realmCreation(store, keyProviders()), parseRealm(structuredClone(exported)));
    const again = (await exportRealm(store, 'acme-id'))!;
    expect(again).toEqual(exported);
    const users = exported['users'] as { username: string; credentials: { secretData: string }[] }[];
    expect(users.find((user) => user.username === 'bob')!.credentials[0]!.secretData).toContain('"salt"');
  });
});

describe('a legacy (Keycloak 1.x-8) export', () => {
  it('imports its applications, OAuth clients, templates and pre-9 credentials, and the user logs in', async () => {
    await server.kc.realms.create(await fixture('keycloak-legacy.json'));
    const clients = await server.kc.clients.find({ realm: 'legacy' });
    const thirdParty = clients.find((client) => client.clientId === 'third-party')!;
    expect(thirdParty).toMatchObject({ consentRequired: true, fullScopeAllowed: false });
    const oldApp = clients.find((client) => client.clientId === 'old-app')!;
    expect(oldApp.defaultClientScopes).toContain('legacy-template');
    const answer = await passwordGrant('legacy', 'old-app', 'dave', PASSWORDS.dave);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(claimsOf(answer.body['access_token'])['preferred_username']).toBeUndefined();
    // The file's client templates replaced the built-in scopes (as in Keycloak), so no mapper adds
    // role claims: the mapping of the old application role is checked in the store.
    const daveId = (await new UsersRepository(server.store).idForUsername('legacy-id', 'dave'))!;
    const dave = (await new UsersRepository(server.store).load('legacy-id', daveId))!;
    expect(dave.roleMappings.filter((mapping) => mapping.clientUuid === oldApp.id)).toHaveLength(1);
    // The pre-13 defaultRoles became the default role's composites.
    const config = (await loadRealmConfig(server.store, 'legacy-id'))!;
    const defaultRole = config.realmRoles.find((role) => role.rep.name === 'default-roles-legacy')!;
    const user = config.realmRoles.find((role) => role.rep.name === 'user')!;
    expect(defaultRole.composites.map((ref) => ref.roleId)).toContain(user.rep.id);
  });
});

describe('refusals', () => {
  it('answers 409 for an existing realm and 400 for what Keycloak refuses, writing nothing', async () => {
    const existing = await server.call('POST', routePath('admin.realms'), { body: { realm: 'acme' } });
    expect(existing.status).toBe(409);
    expect(existing.json).toEqual({ errorMessage: 'Realm acme already exists' });
    const unknownField = await server.call('POST', routePath('admin.realms'), { body: { realm: 'x1', notAField: true } });
    expect(unknownField).toMatchObject({ status: 400, json: { errorMessage: 'Unrecognized field "notAField"' } });
    const badPolicy = await server.call('POST', routePath('admin.realms'), { body: { realm: 'x2', passwordPolicy: 'noSuchPolicy(3)' } });
    expect(badPolicy).toMatchObject({ status: 400, json: { errorMessage: 'Password policy not found' } });
    const danglingComposite = await server.call('POST', routePath('admin.realms'), { body: { realm: 'x3', roles: { realm: [{ name: 'a', composite: true, composites: { realm: ['missing'] } }] } } });
    expect(danglingComposite).toMatchObject({ status: 400, json: { errorMessage: 'Unable to find composite realm role: missing' } });
    const twice = await server.call('POST', routePath('admin.realms'), { body: { realm: 'x4', users: [{ username: 'same' }, { username: 'SAME' }] } });
    expect(twice.status).toBe(409);
    const weak = await server.call('POST', routePath('admin.realms'), { body: { realm: 'x5', passwordPolicy: 'length(12)', users: [{ username: 'u', credentials: [{ type: 'password', value: 'short' }] }] } });
    expect(weak).toMatchObject({ status: 400, json: { errorMessage: 'Password policy not met. See logs for details' } });
    for (const name of ['x1', 'x2', 'x3', 'x4', 'x5']) expect(await new RealmsRepository(server.store).idForName(name, { consistent: true })).toBeUndefined();
  });
});

describe('npm run export', () => {
  it('writes the realm file with users (realm_file) or without them (skip), and the file imports as the same realm', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-export-'));
    const run = promisify(execFile);
    const env = { ...process.env, GATEHOUSE_DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'), GATEHOUSE_TABLE: process.env.GATEHOUSE_TABLE!, GATEHOUSE_LOG_LEVEL: 'warn' };
    await run(process.execPath, ['--import', 'tsx', 'bin/export.ts', '--realm', 'acme', '--file', join(dir, 'acme.json')], { env });
    await run(process.execPath, ['--import', 'tsx', 'bin/export.ts', '--realm', 'acme', '--file', join(dir, 'acme-no-users.json'), '--users', 'skip'], { env });
    const withUsers = JSON.parse(await readFile(join(dir, 'acme.json'), 'utf8')) as Record<string, unknown>;
    const withoutUsers = JSON.parse(await readFile(join(dir, 'acme-no-users.json'), 'utf8')) as Record<string, unknown>;
    expect((withUsers['users'] as unknown[]).length).toBe(5);
    expect(withoutUsers).not.toHaveProperty('users');
    expect(withUsers).toEqual(await exportRealm(server.store, 'acme-id'));
    // The file imports into a fresh table as the same realm (round trip through the CLI's file).
    const { store } = await freshTable();
    await importRealm(realmCreation(store, keyProviders()), parseRealm(withoutUsers));
    expect(await exportRealm(store, 'acme-id', { ...fullExport, users: false, serviceAccounts: false })).toEqual(withoutUsers);
  }, 60_000);
});
