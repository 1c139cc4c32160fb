import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyProviders } from '../../shared/keys/key-providers.js';
import type { ProtocolMapperRepresentation } from '../../shared/model/protocol-mapper.js';
import type { Store } from '../../shared/store/store.js';
import { addUser, clientNamed, ConfigBatch, createFixtureRealm } from '../support/realm-builder.js';
import { useFreshEnvironment } from '../support/tables.js';
import { basic, claims, HOST, postToken } from '../support/token-fixture.js';

/*
 * The claims Keycloak 26 puts in tokens for a user with realm roles, client roles, composites both
 * ways, nested groups and attribute mappers — written out in full from Keycloak's documented
 * behaviour (TokenManager.getAccess, RoleUtils.expandCompositeRoles, the built-in client scopes'
 * mappers, OIDCAttributeMapperHelper), never computed from the code under test.
 *
 * Only the values of exp, iat, jti, sid, sub and auth_time are not compared (their shape is); role
 * lists, multi-valued `aud` and the `scope` words are sets in Keycloak (HashSet/LinkedHashSet order
 * is not part of the contract), so they are compared sorted.
 */

const ISSUER = `https://${HOST}/realms/claims`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let store: Store;
let userId: string;
let serviceAccountId: string;

const attributeMapper = (name: string, config: Record<string, string>): ProtocolMapperRepresentation => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-usermodel-attribute-mapper',
  consentRequired: false,
  config,
});

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  const realm = await createFixtureRealm(store, keyProviders(), 'claims', {
    clients: [
      {
        clientId: 'portal',
        secret: 'portal-secret',
        directAccessGrantsEnabled: true,
        webOrigins: ['https://portal.example.com'],
        protocolMappers: [
          // Nested claim name: "org.department" → {"org": {"department": ...}} (JsonUtils.splitClaimPath).
          attributeMapper('department', {
            'user.attribute': 'department',
            'claim.name': 'org.department',
            'jsonType.label': 'String',
            'access.token.claim': 'true',
            'id.token.claim': 'true',
            'userinfo.token.claim': 'true',
            'introspection.token.claim': 'true',
          }),
          // Multivalued: every value of the attribute, as a JSON array, in the attribute's order.
          attributeMapper('skills', {
            'user.attribute': 'skill',
            'claim.name': 'skills',
            'jsonType.label': 'String',
            multivalued: 'true',
            'access.token.claim': 'true',
            'id.token.claim': 'true',
          }),
          // jsonType long: the string "1815" becomes the JSON number 1815; access token only.
          attributeMapper('employee number', {
            'user.attribute': 'employeeNumber',
            'claim.name': 'employee_number',
            'jsonType.label': 'long',
            'access.token.claim': 'true',
            'id.token.claim': 'false',
          }),
          {
            name: 'groups',
            protocol: 'openid-connect',
            protocolMapper: 'oidc-group-membership-mapper',
            consentRequired: false,
            config: { 'claim.name': 'groups', 'full.path': 'true', 'access.token.claim': 'true', 'id.token.claim': 'true' },
          },
        ],
      },
      { clientId: 'reports', secret: 'reports-secret', directAccessGrantsEnabled: true, fullScopeAllowed: false },
      { clientId: 'robot', secret: 'robot-secret', serviceAccountsEnabled: true },
    ],
  });
  const realmId = realm.realm.id;
  const portal = await clientNamed(store, realmId, 'portal');
  const reports = await clientNamed(store, realmId, 'reports');

  const batch = new ConfigBatch(realmId);
  const editor = batch.clientRole(portal, 'editor');
  const viewer = batch.clientRole(portal, 'viewer');
  const auditor = batch.realmRole('auditor');
  // A client role composite of a realm role...
  const admin = batch.clientRole(portal, 'admin', [auditor]);
  // ...and a realm role composite of a client role.
  const developer = batch.realmRole('developer', [editor]);
  const employee = batch.realmRole('employee');
  batch.realmRole('unused');
  const reader = batch.clientRole(reports, 'reader');
  // Nested groups: the parent holds a realm role, the child a client role; the user joins the child only.
  const staff = batch.group('staff', [employee]);
  const engineering = batch.group('engineering', [viewer], staff);
  // reports has fullScopeAllowed off: only its own roles and this scope mapping (expanded) may appear.
  batch.roleScope(reports, developer);
  await batch.commit(store);

  const user = await addUser(store, realmId, {
    username: 'Ada',
    email: 'Ada@Example.com',
    emailVerified: true,
    firstName: 'Ada',
    lastName: 'Lovelace',
    password: 'analytical-engine',
    attributes: { department: ['Research'], skill: ['math', 'poetry'], employeeNumber: ['1815'], shoeSize: ['38'] },
    roles: [developer, admin, reader],
    groupIds: [engineering.id],
  });
  userId = user.id;
  serviceAccountId = (await clientNamed(store, realmId, 'robot')).client.serviceAccountUserId!;
});

/** Role lists, a multi-valued aud and the scope words compared as the sets they are in Keycloak. */
function comparable(token: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(token);
  if (Array.isArray(copy.aud)) copy.aud = [...(copy.aud as string[])].sort();
  if (typeof copy.scope === 'string') copy.scope = copy.scope.split(' ').sort().join(' ');
  const realmAccess = copy.realm_access as { roles?: string[] } | undefined;
  if (realmAccess?.roles) realmAccess.roles = [...realmAccess.roles].sort();
  for (const access of Object.values((copy.resource_access ?? {}) as Record<string, { roles?: string[] }>)) {
    if (access.roles) access.roles = [...access.roles].sort();
  }
  // auth_time: its value is not compared; when present it is the login instant (the session's AUTH_TIME note).
  if ('auth_time' in copy) {
    expect(Number.isInteger(copy.auth_time)).toBe(true);
    expect(copy.auth_time as number).toBeLessThanOrEqual(copy.iat as number);
    delete copy.auth_time;
  }
  return copy;
}

const issuedAt = () => expect.any(Number);
const jti = () => expect.stringMatching(UUID);

function expectLifetime(token: Record<string, unknown>, seconds: number): void {
  expect(Number.isInteger(token.iat)).toBe(true);
  expect(Math.abs((token.iat as number) - Date.now() / 1000)).toBeLessThan(60);
  expect((token.exp as number) - (token.iat as number)).toBe(seconds);
}

/** OIDC Core §3.1.3.6: at_hash is the left half of SHA-256 over the access token, base64url. */
function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

const adaProfile = {
  email_verified: true,
  name: 'Ada Lovelace',
  preferred_username: 'ada',
  given_name: 'Ada',
  family_name: 'Lovelace',
  email: 'ada@example.com',
};

describe('token claims for a user with roles, composites, nested groups and attribute mappers', () => {
  it('password grant with openid (full scope): the access token', async () => {
    const answer = await postToken('claims', { grant_type: 'password', username: 'ada', password: 'analytical-engine', scope: 'openid' }, basic('portal', 'portal-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const access = claims(answer.json.access_token);
    expectLifetime(access, 300);
    expect(comparable(access)).toStrictEqual({
      exp: issuedAt(),
      iat: issuedAt(),
      jti: jti(),
      iss: ISSUER,
      // Audience resolve: every other client the user has a role of (account through the default
      // role, reports through its reader role); never the token's own client.
      aud: ['account', 'reports'],
      sub: userId,
      typ: 'Bearer',
      azp: 'portal',
      sid: answer.json.session_state,
      acr: '1',
      'allowed-origins': ['https://portal.example.com'],
      realm_access: {
        // default-roles-claims → offline_access, uma_authorization; portal/admin → auditor;
        // the parent group "staff" → employee (members inherit ancestors' roles). Never "unused".
        roles: ['auditor', 'default-roles-claims', 'developer', 'employee', 'offline_access', 'uma_authorization'],
      },
      resource_access: {
        // developer → editor; the group "engineering" → viewer; admin mapped directly.
        portal: { roles: ['admin', 'editor', 'viewer'] },
        reports: { roles: ['reader'] },
        // default-roles-claims → view-profile, manage-account → manage-account-links.
        account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] },
      },
      scope: 'email openid profile',
      ...adaProfile,
      org: { department: 'Research' },
      skills: ['math', 'poetry'],
      employee_number: 1815,
      groups: ['/staff/engineering'],
    });
    expect(answer.json.session_state).toMatch(UUID);
  });

  it('password grant with openid (full scope): the ID token', async () => {
    const answer = await postToken('claims', { grant_type: 'password', username: 'ada', password: 'analytical-engine', scope: 'openid' }, basic('portal', 'portal-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const id = claims(answer.json.id_token);
    expectLifetime(id, 300);
    // No role, audience-resolve or web-origin claims: those mappers write the access token only.
    expect(comparable(id)).toStrictEqual({
      exp: issuedAt(),
      iat: issuedAt(),
      jti: jti(),
      iss: ISSUER,
      aud: 'portal',
      sub: userId,
      typ: 'ID',
      azp: 'portal',
      sid: answer.json.session_state,
      at_hash: atHash(String(answer.json.access_token)),
      acr: '1',
      ...adaProfile,
      org: { department: 'Research' },
      skills: ['math', 'poetry'],
      groups: ['/staff/engineering'],
    });
  });

  it('refreshing issues the same claims again', async () => {
    const login = await postToken('claims', { grant_type: 'password', username: 'ada', password: 'analytical-engine', scope: 'openid' }, basic('portal', 'portal-secret'));
    expect(login.status, JSON.stringify(login.json)).toBe(200);
    const refreshed = await postToken('claims', { grant_type: 'refresh_token', refresh_token: String(login.json.refresh_token) }, basic('portal', 'portal-secret'));
    expect(refreshed.status, JSON.stringify(refreshed.json)).toBe(200);
    const stable = (token: unknown, drop: string[]) => {
      const copy = comparable(claims(token));
      for (const name of ['exp', 'iat', 'jti', ...drop]) delete copy[name];
      return copy;
    };
    expect(stable(refreshed.json.access_token, [])).toStrictEqual(stable(login.json.access_token, []));
    expect(stable(refreshed.json.id_token, ['at_hash'])).toStrictEqual(stable(login.json.id_token, ['at_hash']));
  });

  it('password grant without openid: no ID token, and the access token has no openid scope', async () => {
    const answer = await postToken('claims', { grant_type: 'password', username: 'ada', password: 'analytical-engine' }, basic('portal', 'portal-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json.id_token).toBeUndefined();
    expect(answer.json.scope).toBeTypeOf('string');
    expect(String(answer.json.scope).split(' ').sort()).toEqual(['email', 'profile']);
    expect(comparable(claims(answer.json.access_token)).scope).toBe('email profile');
  });

  it('fullScopeAllowed off: only the client\'s own roles and its scope mappings (expanded) appear', async () => {
    const answer = await postToken('claims', { grant_type: 'password', username: 'ada', password: 'analytical-engine' }, basic('reports', 'reports-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const access = claims(answer.json.access_token);
    expectLifetime(access, 300);
    expect(comparable(access)).toStrictEqual({
      exp: issuedAt(),
      iat: issuedAt(),
      jti: jti(),
      iss: ISSUER,
      // portal/editor is in scope through developer's composite, so portal is an audience.
      aud: 'portal',
      sub: userId,
      typ: 'Bearer',
      azp: 'reports',
      sid: answer.json.session_state,
      acr: '1',
      // developer is scope-mapped; auditor, employee, the default roles are not in the client's scope.
      realm_access: { roles: ['developer'] },
      resource_access: {
        portal: { roles: ['editor'] },
        reports: { roles: ['reader'] },
      },
      scope: 'email profile',
      ...adaProfile,
    });
  });

  it("client_credentials: the service account's token carries the service_account scope's claims", async () => {
    const answer = await postToken('claims', { grant_type: 'client_credentials' }, basic('robot', 'robot-secret'));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const access = comparable(claims(answer.json.access_token));
    expectLifetime(access, 300);
    // Keycloak 26 keeps no persistent session for client_credentials; whether `sid` names the
    // transient one is not compared here.
    delete access.sid;
    expect(access).toStrictEqual({
      exp: issuedAt(),
      iat: issuedAt(),
      jti: jti(),
      iss: ISSUER,
      aud: 'account',
      sub: serviceAccountId,
      typ: 'Bearer',
      azp: 'robot',
      acr: '1',
      realm_access: { roles: ['default-roles-claims', 'offline_access', 'uma_authorization'] },
      resource_access: { account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] } },
      scope: 'email profile',
      email_verified: false,
      preferred_username: 'service-account-robot',
      // The service_account client scope (a default scope of every client with service accounts on,
      // ClientManager.enableServiceAccount) maps these user session notes (ServiceAccountConstants).
      client_id: 'robot',
      clientHost: '203.0.113.7',
      clientAddress: '203.0.113.7',
    });
  });
});
