import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesLocal, type RunningSesLocal } from '../../bin/local/ses-local.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { defaultMail } from '../../shared/mail/default-mail.js';
import { mailConfig } from '../../shared/mail/mail-config.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { credentialKey } from '../../shared/store/keys.js';
import { recentAdminEvents, startAdminServer, type AdminServer } from '../support/admin-fixture.js';
import { addUser, clientNamed, ConfigBatch, createFixtureRealm } from '../support/realm-builder.js';

let server: AdminServer;
let ses: RunningSesLocal;
let sesUrl: string;
let shop: RealmConfig;
let appUuid: string;
let groups: { red: { id: string }; blue: { id: string }; green: { id: string } };
const realm = 'shop';

beforeAll(async () => {
  // The mail port's SES stand-in, as `npm start` runs it; the handlers in this worker send to it.
  ses = await startSesLocal(0);
  sesUrl = ses.url.replace('//localhost', '//127.0.0.1');
  process.env.GATEHOUSE_SES_ENDPOINT = sesUrl;
  mailConfig.reset();
  defaultMail.reset();
  server = await startAdminServer();
  shop = await createFixtureRealm(server.store, keyProviders(), realm, {
    realm: { adminEventsEnabled: true, passwordPolicy: 'length(8) and passwordHistory(3)', smtpServer: { from: 'noreply@shop.example' } },
    clients: [{ clientId: 'app', publicClient: true, directAccessGrantsEnabled: true, redirectUris: ['https://app.example/*'] }],
  });
  appUuid = (await clientNamed(server.store, shop.realm.id, 'app')).client.rep.id;
  const batch = new ConfigBatch(shop.realm.id);
  groups = { red: batch.group('red'), blue: batch.group('blue'), green: batch.group('green') };
  await batch.commit(server.store);
});
afterAll(async () => {
  await server?.close();
  await ses?.stop();
  delete process.env.GATEHOUSE_SES_ENDPOINT;
});

const userPath = (id: string, rest = '') => `${routePath('admin.users.rest', { realm, proxy: id })}${rest}`;

async function newUser(username: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await server.kc.users.create({ realm, username, enabled: true, email: `${username}@shop.example`, ...extra });
  return id;
}

async function login(username: string, password: string, scope = 'openid'): Promise<Response> {
  return fetch(`${server.baseUrl}${routePath('oidc.token', { realm })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'app', username, password, scope }),
  });
}

const adminEvents = () => recentAdminEvents(server.store, shop.realm.id);

async function mails(): Promise<{ from: string; destination: { to: string[] }; subject: string; body: { text?: string; html?: string } }[]> {
  return ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: never[] }).emails;
}

describe('passwords and credentials', () => {
  it('resets the password: temporary asks for UPDATE_PASSWORD, permanent withdraws it; the new one logs in', async () => {
    const id = await newUser('pam', { credentials: [{ type: 'password', value: 'First-pass-1' }] });
    await server.kc.users.resetPassword({ realm, id, credential: { type: 'password', value: 'Second-pass-2', temporary: true } });
    expect((await server.kc.users.findOne({ realm, id }))?.requiredActions).toEqual(['UPDATE_PASSWORD']);
    await server.kc.users.resetPassword({ realm, id, credential: { type: 'password', value: 'Third-pass-3', temporary: false } });
    expect((await server.kc.users.findOne({ realm, id }))?.requiredActions).toEqual([]);
    expect((await login('pam', 'Third-pass-3')).status).toBe(200);
    expect((await login('pam', 'Second-pass-2')).status).toBe(401);
    const event = (await adminEvents()).find((candidate) => candidate.resourcePath === `users/${id}/reset-password`);
    expect(event).toMatchObject({ operationType: 'ACTION', resourceType: 'USER' });
  });

  it('enforces the policy, passwordHistory included, with Keycloak’s error and description', async () => {
    const id = await newUser('quinn', { credentials: [{ type: 'password', value: 'Quinn-pass-1' }] });
    const reset = (value: string) => server.call('PUT', userPath(id, '/reset-password'), { body: { type: 'password', value, temporary: false } });
    expect((await reset('Quinn-pass-2')).status).toBe(204);
    expect((await reset('Quinn-pass-3')).status).toBe(204);
    const current = await reset('Quinn-pass-3');
    expect(current).toMatchObject({ status: 400, json: { error: 'invalidPasswordHistoryMessage', error_description: 'Invalid password: must not be equal to any of last 3 passwords.' } });
    expect((await reset('Quinn-pass-1')).status).toBe(400);
    expect((await reset('Quinn-pass-4')).status).toBe(204);
    // passwordHistory(3): the current and the two before it are refused; the third before it is allowed again.
    expect((await reset('Quinn-pass-1')).status).toBe(204);
    expect((await reset('tiny'))).toMatchObject({ status: 400, json: { error: 'invalidPasswordMinLengthMessage' } });
    expect(await reset('')).toMatchObject({ status: 400, json: { error: 'Empty password not allowed' } });
    expect(await server.call('PUT', userPath(id, '/reset-password'), { body: { type: 'password' } })).toMatchObject({ status: 400, json: { error: 'No password provided' } });
    const credentials = await server.kc.users.getCredentials({ realm, id });
    expect(credentials.map((credential) => credential.type)).toEqual(['password']);
  });

  it('lists credentials without secrets, relabels them (text/plain) and deletes them', async () => {
    const id = await newUser('rita', { credentials: [{ type: 'password', value: 'Rita-pass-1' }] });
    const [password] = await server.kc.users.getCredentials({ realm, id });
    expect(password).toMatchObject({ type: 'password', priority: 10 });
    expect(JSON.parse(password!.credentialData!)).toHaveProperty('algorithm');
    expect(password).not.toHaveProperty('secretData');
    await server.kc.users.updateCredentialLabel({ realm, id, credentialId: password!.id! }, 'My laptop');
    expect((await server.kc.users.getCredentials({ realm, id }))[0]?.userLabel).toBe('My laptop');
    const blank = await server.call('PUT', userPath(id, `/credentials/${password!.id}/userLabel`), { body: '  ', headers: { 'content-type': 'text/plain' } });
    expect(blank).toMatchObject({ status: 400, json: { error: 'missingCredentialLabel' } });
    await server.kc.users.deleteCredential({ realm, id, credentialId: password!.id! });
    expect(await server.kc.users.getCredentials({ realm, id })).toEqual([]);
    expect((await login('rita', 'Rita-pass-1')).status).toBe(401);
    expect(await server.call('DELETE', userPath(id, `/credentials/${password!.id}`))).toMatchObject({ status: 404, json: { error: 'Credential not found' } });
    expect(await server.kc.users.getUserStorageCredentialTypes({ realm, id })).toEqual([]);
  });

  it('reorders credentials: moveToFirst and moveAfter rewrite the priorities as 10, 20, 30', async () => {
    const id = await newUser('otto', { credentials: [{ type: 'password', value: 'Otto-pass-1' }] });
    const [password] = await server.kc.users.getCredentials({ realm, id });
    // A second credential as an OTP enrolment would store it (no admin endpoint creates one).
    const otp = { id: 'otto-otp', type: 'otp', userLabel: 'Phone', createdDate: Date.now(), secretData: '{"value":"x"}', credentialData: '{"subType":"totp","digits":6,"period":30,"algorithm":"HmacSHA1"}', priority: 20 };
    await server.store.transact([{ kind: 'put', item: { ...credentialKey(shop.realm.id, id, otp.id), entity: 'Credential', ...otp } }]);
    const order = async () => (await server.kc.users.getCredentials({ realm, id })).map((c) => [c.id, c.priority]);
    expect(await order()).toEqual([[password!.id, 10], ['otto-otp', 20]]);
    await server.kc.users.moveCredentialPositionUp({ realm, id, credentialId: 'otto-otp' });
    expect(await order()).toEqual([['otto-otp', 10], [password!.id, 20]]);
    await server.kc.users.moveCredentialPositionDown({ realm, id, credentialId: 'otto-otp', newPreviousCredentialId: password!.id! });
    expect(await order()).toEqual([[password!.id, 10], ['otto-otp', 20]]);
    expect(await server.call('POST', userPath(id, `/credentials/otto-otp/moveAfter/nope`))).toMatchObject({ status: 204 });
    expect(await order()).toEqual([[password!.id, 10], ['otto-otp', 20]]);
    expect(await server.call('POST', userPath(id, `/credentials/nope/moveToFirst`))).toMatchObject({ status: 404, json: { error: 'Credential not found' } });
    expect((await login('otto', 'Otto-pass-1')).status).toBe(200);
    expect((await adminEvents()).map((e) => e.resourcePath)).toContain(`users/${id}/credentials/otto-otp/moveToFirst`);
  });

  it('remove-totp and disable-credential-types leave a local user’s credentials, as Keycloak’s providers do', async () => {
    const id = await newUser('wanda', { credentials: [{ type: 'password', value: 'Wanda-pass-1' }] });
    const otp = { id: 'wanda-otp', type: 'otp', createdDate: Date.now(), secretData: '{"value":"x"}', credentialData: '{"subType":"totp","digits":6,"period":30,"algorithm":"HmacSHA1"}', priority: 20 };
    await server.store.transact([{ kind: 'put', item: { ...credentialKey(shop.realm.id, id, otp.id), entity: 'Credential', ...otp } }]);
    await server.kc.users.removeTotp({ realm, id });
    expect((await server.kc.users.getCredentials({ realm, id })).map((c) => c.type)).toEqual(['password', 'otp']);
    expect((await server.kc.users.findOne({ realm, id }))?.disableableCredentialTypes).toEqual([]);
    expect((await adminEvents()).filter((e) => e.resourcePath === `users/${id}/remove-totp`)).toMatchObject([{ operationType: 'ACTION', resourceType: 'USER' }]);
    expect(await server.call('PUT', userPath(id, '/disable-credential-types'), { body: ['otp', 'password'] })).toMatchObject({ status: 204 });
    expect((await server.kc.users.getCredentials({ realm, id })).map((c) => c.type)).toEqual(['password', 'otp']);
    expect((await server.call('PUT', userPath(id, '/disable-credential-types'), { body: { type: 'otp' } })).status).toBe(400);
    expect(await server.call('PUT', userPath('no-such-user', '/remove-totp'))).toMatchObject({ status: 404, json: { error: 'User not found' } });
    expect((await login('wanda', 'Wanda-pass-1')).status).toBe(200);
  });
});

describe('group membership', () => {
  it('joins, lists (search, paging, brief or full), counts and leaves groups, each change an event', async () => {
    const id = await newUser('sam');
    for (const group of [groups.red, groups.blue, groups.green]) await server.kc.users.addToGroup({ realm, id, groupId: group.id });
    await server.kc.users.addToGroup({ realm, id, groupId: groups.red.id });
    expect((await server.kc.users.listGroups({ realm, id })).map((group) => group.name)).toEqual(['blue', 'green', 'red']);
    expect((await server.kc.users.listGroups({ realm, id, search: 'RE' })).map((group) => group.name)).toEqual(['green', 'red']);
    expect((await server.kc.users.listGroups({ realm, id, first: 1, max: 1 })).map((group) => group.name)).toEqual(['green']);
    const [full] = await server.kc.users.listGroups({ realm, id, briefRepresentation: false, search: 'blue' });
    expect(full).toMatchObject({ name: 'blue', path: '/blue', attributes: {}, realmRoles: [] });
    expect(await server.kc.users.countGroups({ realm, id })).toEqual({ count: 3 });
    expect(await server.kc.users.countGroups({ realm, id, search: 're' })).toEqual({ count: 2 });
    await server.kc.users.delFromGroup({ realm, id, groupId: groups.blue.id });
    expect(await server.kc.users.countGroups({ realm, id })).toEqual({ count: 2 });
    const membershipEvents = (await adminEvents()).filter((event) => event.resourceType === 'GROUP_MEMBERSHIP' && event.resourcePath.startsWith(`users/${id}/`));
    expect(membershipEvents.map((event) => event.operationType).sort()).toEqual(['CREATE', 'CREATE', 'CREATE', 'DELETE']);
    expect(await server.call('PUT', userPath(id, '/groups/no-such-group'))).toMatchObject({ status: 404, json: { error: 'Group not found' } });
  });
});

describe('sessions, logout and consents', () => {
  it('lists online and offline sessions; logout ends the online ones and sets notBefore', async () => {
    const id = await newUser('tess', { credentials: [{ type: 'password', value: 'Tess-pass-1' }] });
    expect((await login('tess', 'Tess-pass-1')).status).toBe(200);
    expect((await login('tess', 'Tess-pass-1', 'openid offline_access')).status).toBe(200);
    const online = await server.kc.users.listSessions({ realm, id });
    expect(online).toHaveLength(1);
    expect(online[0]).toMatchObject({ userId: id, username: 'tess', clients: { [appUuid]: 'app' } });
    expect(online[0]!.start).toBeGreaterThan(Date.now() - 60_000);
    const offline = await server.kc.users.listOfflineSessions({ realm, id, clientId: appUuid });
    expect(offline).toHaveLength(1);
    expect(await server.call('GET', userPath(id, '/offline-sessions/no-such-client'))).toMatchObject({ status: 404, json: { error: 'Client not found' } });
    await server.kc.users.logout({ realm, id });
    expect(await server.kc.users.listSessions({ realm, id })).toEqual([]);
    expect(await server.kc.users.listOfflineSessions({ realm, id, clientId: appUuid })).toHaveLength(1);
    expect((await server.kc.users.findOne({ realm, id }))?.notBefore).toBeGreaterThan(0);
  });

  it('lists clients holding offline tokens as consents and revokes them', async () => {
    const id = await newUser('uma', { credentials: [{ type: 'password', value: 'Uma-pass-12' }] });
    expect((await login('uma', 'Uma-pass-12', 'openid offline_access')).status).toBe(200);
    const consents = await server.kc.users.listConsents({ realm, id });
    expect(consents).toEqual([{ clientId: 'app', grantedClientScopes: [], createdDate: null, lastUpdatedDate: null, additionalGrants: [{ client: appUuid, key: 'Offline Token' }] }]);
    await server.kc.users.revokeConsent({ realm, id, clientId: 'app' });
    expect(await server.kc.users.listConsents({ realm, id })).toEqual([]);
    expect(await server.kc.users.listOfflineSessions({ realm, id, clientId: appUuid })).toEqual([]);
    expect(await server.call('DELETE', userPath(id, '/consents/app'))).toMatchObject({ status: 404, json: { error: 'Consent nor offline token not found' } });
    expect(await server.call('DELETE', userPath(id, '/consents/no-such-client'))).toMatchObject({ status: 404, json: { error: 'Client not found' } });
  });
});

describe('identity provider links', () => {
  it('adds, lists, finds by idpAlias / idpUserId and removes links', async () => {
    const id = await newUser('vera');
    await server.kc.users.addToFederatedIdentity({ realm, id, federatedIdentityId: 'github', federatedIdentity: { identityProvider: 'github', userId: 'gh-42', userName: 'vera-gh' } });
    expect(await server.kc.users.listFederatedIdentities({ realm, id })).toEqual([{ identityProvider: 'github', userId: 'gh-42', userName: 'vera-gh' }]);
    expect((await server.kc.users.findOne({ realm, id }))?.federatedIdentities).toEqual([{ identityProvider: 'github', userId: 'gh-42', userName: 'vera-gh' }]);
    expect((await server.kc.users.find({ realm, idpAlias: 'github', idpUserId: 'gh-42' })).map((user) => user.id)).toEqual([id]);
    expect(await server.kc.users.find({ realm, idpAlias: 'github', idpUserId: 'gh-4' })).toEqual([]);
    expect((await server.kc.users.find({ realm, idpUserId: 'gh-42' })).map((user) => user.id)).toEqual([id]);
    expect((await server.call('GET', `${routePath('admin.users.rest', { realm, proxy: 'count' })}?idpAlias=github`)).json).toBe(1);
    const again = await server.call('POST', userPath(id, '/federated-identity/github'), { body: { userId: 'x', userName: 'y' } });
    expect(again).toMatchObject({ status: 409, json: { errorMessage: 'User is already linked with provider' } });
    await server.kc.users.delFromFederatedIdentity({ realm, id, federatedIdentityId: 'github' });
    expect(await server.kc.users.listFederatedIdentities({ realm, id })).toEqual([]);
    expect(await server.kc.users.find({ realm, idpAlias: 'github' })).toEqual([]);
    expect(await server.call('DELETE', userPath(id, '/federated-identity/github'))).toMatchObject({ status: 404, json: { error: 'Link not found' } });
  });
});

describe('impersonation', () => {
  it('starts a session as the user and points at the account console; needs the impersonation right', async () => {
    const id = await newUser('wes');
    const answer = await server.kc.users.impersonation({ realm, id }, { user: id, realm });
    expect(answer).toEqual({ sameRealm: false, redirect: `${server.baseUrl}/realms/${realm}/account` });
    const [session] = await server.kc.users.listSessions({ realm, id });
    expect(session).toMatchObject({ userId: id, username: 'wes', clients: {} });
    const disabled = await newUser('xena', { enabled: false });
    expect(await server.call('POST', userPath(disabled, '/impersonation'))).toMatchObject({ status: 400, json: { errorMessage: 'User is disabled' } });
    const management = await clientNamed(server.store, shop.realm.id, 'realm-management');
    const manageUsers = management.roles.find((role) => role.rep.name === 'manage-users')!;
    await addUser(server.store, shop.realm.id, { username: 'helpdesk', password: 'Helpdesk-1', roles: [{ roleId: manageUsers.rep.id, clientUuid: management.client.rep.id }] });
    const token = await server.token('helpdesk', 'Helpdesk-1', realm);
    expect((await server.call('POST', userPath(id, '/impersonation'), { token })).status).toBe(403);
    expect((await server.call('GET', userPath(id), { token })).json.access).toMatchObject({ manage: true, impersonate: false });
  });
});

describe('mails through the mail port (SES stand-in)', () => {
  it('mails the execute-actions link with the actions and the lifespan', async () => {
    const id = await newUser('yara', { firstName: 'Yara' });
    await server.kc.users.executeActionsEmail({ realm, id, actions: ['UPDATE_PASSWORD', 'VERIFY_EMAIL'], lifespan: 7200, clientId: 'app', redirectUri: 'https://app.example/done' });
    const mail = (await mails()).find((candidate) => candidate.destination.to.includes('yara@shop.example'));
    expect(mail).toMatchObject({ from: 'noreply@shop.example', subject: 'Update Your Account' });
    expect(mail!.body.text).toContain('following action(s): Update Password, Verify Email.');
    expect(mail!.body.text).toContain('This link will expire within 2 hours.');
    const link = new URL(/https?:\/\/\S+/.exec(mail!.body.text!)![0]);
    expect(`${link.origin}${link.pathname}`).toBe(`${server.baseUrl}/realms/${realm}/login-actions/action-token`);
    const claims = JSON.parse(Buffer.from(link.searchParams.get('key')!.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ typ: 'execute-actions', sub: id, azp: 'app', rqac: ['UPDATE_PASSWORD', 'VERIFY_EMAIL'], reduri: 'https://app.example/done', eml: 'yara@shop.example' });
    expect(claims.exp - claims.iat).toBe(7200);
    expect((await adminEvents()).some((event) => event.resourcePath === `users/${id}/execute-actions-email` && event.operationType === 'ACTION')).toBe(true);
  });

  it('mails the verify-email link; refuses users without email, bad actions, clients and redirect URIs', async () => {
    const id = await newUser('zoe');
    await server.kc.users.sendVerifyEmail({ realm, id });
    const mail = (await mails()).find((candidate) => candidate.destination.to.includes('zoe@shop.example'));
    expect(mail).toMatchObject({ subject: 'Verify email' });
    expect(mail!.body.text).toContain('This link will expire within 12 hours.');
    const { id: noEmail } = await server.kc.users.create({ realm, username: 'nomail', enabled: true });
    const put = (userId: string, query: string, body: unknown = ['UPDATE_PASSWORD']) => server.call('PUT', `${userPath(userId, '/execute-actions-email')}${query}`, { body });
    expect(await put(noEmail, '')).toMatchObject({ status: 400, json: { errorMessage: 'User email missing' } });
    expect(await put(id, '', ['NOT_AN_ACTION'])).toMatchObject({ status: 400, json: { errorMessage: 'Provided invalid required actions' } });
    expect(await put(id, '?redirect_uri=https://app.example/x')).toMatchObject({ status: 400, json: { errorMessage: 'Client id missing' } });
    expect(await put(id, '?client_id=nope')).toMatchObject({ status: 400, json: { errorMessage: "Client doesn't exist" } });
    expect(await put(id, '?client_id=app&redirect_uri=https://evil.example/')).toMatchObject({ status: 400, json: { errorMessage: 'Invalid redirect uri.' } });
  });
});
