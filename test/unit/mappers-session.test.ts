import { describe, expect, it } from 'vitest';
import type { ProtocolMapperRepresentation } from '../../shared/model/protocol-mapper.js';
import { applyProtocolMappers } from '../../shared/oidc/mappers/apply.js';
import { ProtocolMapperError } from '../../shared/oidc/mappers/errors.js';
import type { MapperContext, TokenCategory } from '../../shared/oidc/mappers/mapper.js';

const userId = '6b9c9a2e-1f0e-4c39-9a3e-2f1d0c7e5a11';

function context(overrides: Partial<MapperContext> = {}): MapperContext {
  return {
    realm: { id: 'r1', name: 'demo' },
    client: { clientId: 'web-app', redirectUris: ['https://app.example.com/callback', '/silent-check'], rootUrl: 'https://app.example.com' },
    user: { id: userId, username: 'alice', enabled: true, emailVerified: true, createdTimestamp: 0, requiredActions: [], notBefore: 0 },
    groups: [
      { id: 'g1', name: 'lab', path: '/staff/lab' },
      { id: 'g2', name: 'admins', path: '/admins' },
    ],
    roles: { realm: new Set(), clients: new Map() },
    userSession: { id: 's1', notes: { AUTH_TIME: '1700000000', IDENTITY_PROVIDER: 'github' } },
    allowedWebOrigins: [],
    ...overrides,
  };
}

const allTokens = { 'access.token.claim': 'true', 'id.token.claim': 'true', 'userinfo.token.claim': 'true', 'introspection.token.claim': 'true' };

const mapper = (protocolMapper: string, config: Record<string, string>): ProtocolMapperRepresentation => ({
  name: protocolMapper,
  protocol: 'openid-connect',
  protocolMapper,
  config,
});

const run = (mappers: ProtocolMapperRepresentation[], ctx = context(), category: TokenCategory = 'access') =>
  applyProtocolMappers({}, mappers, ctx, category);

describe('oidc-usersessionmodel-note-mapper (UserSessionNoteMapper)', () => {
  it('maps the basic scope auth_time mapper: AUTH_TIME note as a long', () => {
    const authTime = mapper('oidc-usersessionmodel-note-mapper', {
      'user.session.note': 'AUTH_TIME',
      'claim.name': 'auth_time',
      'jsonType.label': 'long',
      'id.token.claim': 'true',
      'access.token.claim': 'true',
      'introspection.token.claim': 'true',
    });
    expect(run([authTime])).toEqual({ auth_time: 1700000000 });
    expect(run([authTime], context(), 'id')).toEqual({ auth_time: 1700000000 });
  });

  it('maps any note into a nested claim and adds nothing for a missing note', () => {
    const idp = mapper('oidc-usersessionmodel-note-mapper', { ...allTokens, 'user.session.note': 'IDENTITY_PROVIDER', 'claim.name': 'login.idp' });
    const missing = mapper('oidc-usersessionmodel-note-mapper', { ...allTokens, 'user.session.note': 'NOPE', 'claim.name': 'nope' });
    expect(run([idp, missing])).toEqual({ login: { idp: 'github' } });
  });
});

describe('oidc-group-membership-mapper (GroupMembershipMapper)', () => {
  it('lists full group paths, or names when full.path is not "true"', () => {
    const full = mapper('oidc-group-membership-mapper', { ...allTokens, 'claim.name': 'groups', 'full.path': 'true' });
    const names = mapper('oidc-group-membership-mapper', { ...allTokens, 'claim.name': 'group_names', 'full.path': 'false' });
    expect(run([full, names])).toEqual({ groups: ['/staff/lab', '/admins'], group_names: ['lab', 'admins'] });
  });

  it('is always multivalued, so it merges with other mappers of the same claim', () => {
    const full = mapper('oidc-group-membership-mapper', { ...allTokens, 'claim.name': 'groups', 'full.path': 'true' });
    const realmAsGroups = mapper('oidc-hardcoded-claim-mapper', { ...allTokens, 'claim.name': 'groups', 'claim.value': '/admins' });
    expect(run([realmAsGroups, full])).toEqual({ groups: ['/admins', '/staff/lab'] });
  });

  it('adds no claim for a user in no group', () => {
    const full = mapper('oidc-group-membership-mapper', { ...allTokens, 'claim.name': 'groups', 'full.path': 'true' });
    expect(run([full], context({ groups: [] }))).toEqual({});
  });
});

describe('oidc-hardcoded-claim-mapper (HardcodedClaim)', () => {
  it('writes the configured value with its JSON type', () => {
    const mappers = [
      mapper('oidc-hardcoded-claim-mapper', { ...allTokens, 'claim.name': 'tenant.id', 'claim.value': '42', 'jsonType.label': 'int' }),
      mapper('oidc-hardcoded-claim-mapper', { ...allTokens, 'claim.name': 'beta', 'claim.value': 'true', 'jsonType.label': 'boolean' }),
      mapper('oidc-hardcoded-claim-mapper', { ...allTokens, 'claim.name': 'policy', 'claim.value': '{"mfa":["otp"]}', 'jsonType.label': 'JSON' }),
      mapper('oidc-hardcoded-claim-mapper', { ...allTokens, 'claim.name': 'empty' }),
    ];
    expect(run(mappers)).toEqual({ tenant: { id: 42 }, beta: true, policy: { mfa: ['otp'] } });
  });
});

describe('oidc-sub-mapper (SubMapper)', () => {
  const sub = mapper('oidc-sub-mapper', { 'access.token.claim': 'true', 'introspection.token.claim': 'true' });

  it('sets sub to the user id in the access token and introspection response only', () => {
    expect(run([sub])).toEqual({ sub: userId });
    expect(run([sub], context(), 'introspection')).toEqual({ sub: userId });
    expect(run([sub], context(), 'id')).toEqual({});
  });

  it('leaves sub out of a lightweight access token unless lightweight.claim is set', () => {
    const light = context({ useLightweightAccessToken: true });
    expect(run([sub], light)).toEqual({});
    expect(run([mapper('oidc-sub-mapper', { ...sub.config, 'lightweight.claim': 'true' })], light)).toEqual({ sub: userId });
  });
});

describe('oidc-sha256-pairwise-sub-mapper (SHA256PairwiseSubMapper)', () => {
  // Expected values computed with Keycloak's algorithm on a JDK 17: SHA-256(sector, user id, salt) then
  // java.util.UUID.nameUUIDFromBytes.
  const pairwise = (config: Record<string, string>) =>
    mapper('oidc-sha256-pairwise-sub-mapper', { pairwiseSubAlgorithmSalt: 's3cr3t-salt', ...config });

  it('derives sub from the redirect URIs host when no sector identifier URI is set, in every token kind', () => {
    const m = pairwise({});
    for (const category of ['access', 'id', 'userinfo', 'introspection'] as const) {
      expect(run([m], context(), category)).toEqual({ sub: '402e9370-54ba-3e96-b6fc-1ea2df7517c6' });
    }
  });

  it('uses the sector identifier URI host when set, overriding the sub mapper', () => {
    const m = pairwise({ sectorIdentifierUri: 'https://sector.example.org/redirects.json' });
    const sub = mapper('oidc-sub-mapper', { 'access.token.claim': 'true' });
    expect(run([m, sub])).toEqual({ sub: '26a6a43b-6f83-3fcf-9b33-6edf577bf8bc' });
  });

  it('fails when no sector identifier can be derived or no salt is configured', () => {
    const twoHosts = context({ client: { clientId: 'web-app', redirectUris: ['https://a.example.com/cb', 'https://b.example.com/cb'] } });
    expect(() => run([pairwise({})], twoHosts)).toThrow(ProtocolMapperError);
    expect(() => run([mapper('oidc-sha256-pairwise-sub-mapper', {})])).toThrow('Salt not available');
  });
});

describe('oidc-acr-mapper (AcrProtocolMapper)', () => {
  const acr = mapper('oidc-acr-mapper', { 'access.token.claim': 'true', 'id.token.claim': 'true', 'introspection.token.claim': 'true' });

  it('gives "1" for a fresh login and "0" when the SSO cookie was reused', () => {
    expect(run([acr], context({ clientSessionNotes: {} }), 'id')).toEqual({ acr: '1' });
    expect(run([acr], context({ clientSessionNotes: { SSO_AUTH: 'true' } }), 'id')).toEqual({ acr: '0' });
    expect(run([acr], context({ clientSessionNotes: { SSO_AUTH: 'true' } }))).toEqual({ acr: '0' });
  });

  it('uses the achieved level of authentication and names it through the client acr→LoA map', () => {
    const client = { clientId: 'web-app', attributes: { 'acr.loa.map': '{"silver":1,"gold":2}' } };
    const notes = { 'level-of-authentication': '2' };
    expect(run([acr], context({ client, clientSessionNotes: notes }), 'id')).toEqual({ acr: 'gold' });
    const requested = { ...notes, acr_values: 'silver' };
    expect(run([acr], context({ client, clientSessionNotes: requested }), 'id')).toEqual({ acr: 'silver' });
  });

  it('prefers an essential acr from the claims parameter and falls back to the realm map', () => {
    const realm = { id: 'r1', name: 'demo', attributes: { 'acr.loa.map': '{"copper":0,"silver":1}' } };
    const claims = JSON.stringify({ id_token: { acr: { essential: true, values: ['copper'] } } });
    expect(run([acr], context({ realm, clientSessionNotes: { claims } }), 'id')).toEqual({ acr: 'copper' });
    expect(run([acr], context({ realm, clientSessionNotes: {} }), 'id')).toEqual({ acr: 'silver' });
  });

  it('is not a userinfo mapper', () => {
    expect(run([acr], context(), 'userinfo')).toEqual({});
  });
});
