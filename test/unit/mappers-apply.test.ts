import { describe, expect, it } from 'vitest';
import type { ProtocolMapperRepresentation } from '../../shared/model/protocol-mapper.js';
import { applyProtocolMappers } from '../../shared/oidc/mappers/apply.js';
import type { MapperContext, TokenCategory } from '../../shared/oidc/mappers/mapper.js';
import { mapperFor, supportedMapperIds } from '../../shared/oidc/mappers/registry.js';

function context(overrides: Partial<MapperContext> = {}): MapperContext {
  return {
    realm: { id: 'r1', name: 'demo' },
    client: { clientId: 'web-app', attributes: {} },
    user: { id: 'u1', username: 'alice', enabled: true, emailVerified: true, createdTimestamp: 0, requiredActions: [], notBefore: 0 },
    groups: [],
    roles: { realm: new Set(), clients: new Map() },
    allowedWebOrigins: [],
    ...overrides,
  };
}

const hardcoded = (claim: string, value: string, switches: Record<string, string>): ProtocolMapperRepresentation => ({
  name: claim,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-hardcoded-claim-mapper',
  config: { 'claim.name': claim, 'claim.value': value, 'jsonType.label': 'String', ...switches },
});

const run = (mappers: ProtocolMapperRepresentation[], category: TokenCategory, ctx = context()) =>
  applyProtocolMappers({}, mappers, ctx, category);

describe('registry', () => {
  it('knows every provider id the brief lists', () => {
    expect([...supportedMapperIds].sort()).toEqual(
      [
        'oidc-acr-mapper',
        'oidc-address-mapper',
        'oidc-allowed-origins-mapper',
        'oidc-audience-mapper',
        'oidc-audience-resolve-mapper',
        'oidc-full-name-mapper',
        'oidc-group-membership-mapper',
        'oidc-hardcoded-claim-mapper',
        'oidc-hardcoded-role-mapper',
        'oidc-role-name-mapper',
        'oidc-sha256-pairwise-sub-mapper',
        'oidc-sub-mapper',
        'oidc-usermodel-attribute-mapper',
        'oidc-usermodel-client-role-mapper',
        'oidc-usermodel-property-mapper',
        'oidc-usermodel-realm-role-mapper',
        'oidc-usersessionmodel-note-mapper',
      ].sort(),
    );
    expect(mapperFor('oidc-script-mapper')).toBeUndefined();
  });
});

describe('per-token switches (AbstractOIDCProtocolMapper / OIDCAttributeMapperHelper)', () => {
  const all = { 'access.token.claim': 'true', 'id.token.claim': 'true', 'userinfo.token.claim': 'true', 'introspection.token.claim': 'true' };

  it('adds a claim to each token whose switch is "true"', () => {
    const mappers = [
      hardcoded('everywhere', 'x', all),
      hardcoded('id_only', 'x', { 'id.token.claim': 'true', 'userinfo.token.claim': 'false' }),
      hardcoded('access_only', 'x', { 'access.token.claim': 'true', 'introspection.token.claim': 'false' }),
      hardcoded('userinfo_only', 'x', { 'userinfo.token.claim': 'true' }),
    ];
    expect(Object.keys(run(mappers, 'access'))).toEqual(['everywhere', 'access_only']);
    expect(Object.keys(run(mappers, 'id'))).toEqual(['everywhere', 'id_only']);
    expect(Object.keys(run(mappers, 'userinfo'))).toEqual(['everywhere', 'userinfo_only']);
    expect(Object.keys(run(mappers, 'introspection'))).toEqual(['everywhere']);
  });

  it('treats a missing userinfo switch as the ID token switch, a missing introspection switch as the access token switch', () => {
    // OIDCAttributeMapperHelper.includeInUserInfo / includeInIntrospection "Backwards compatibility".
    const legacy = hardcoded('legacy', 'x', { 'access.token.claim': 'true', 'id.token.claim': 'true' });
    const idOnly = hardcoded('id_legacy', 'x', { 'id.token.claim': 'true' });
    expect(Object.keys(run([legacy, idOnly], 'userinfo'))).toEqual(['legacy', 'id_legacy']);
    expect(Object.keys(run([legacy, idOnly], 'introspection'))).toEqual(['legacy']);
  });

  it('compares switches case-sensitively ("true".equals)', () => {
    expect(run([hardcoded('c', 'x', { 'access.token.claim': 'TRUE' })], 'access')).toEqual({});
  });

  it('puts only lightweight.claim mappers into a lightweight access token, and only there', () => {
    const lightweightClient = { clientId: 'web-app', attributes: { 'client.use.lightweight.access.token.enabled': 'true' } };
    const ctx = context({ client: lightweightClient });
    const mappers = [hardcoded('full_only', 'x', all), hardcoded('light', 'y', { ...all, 'lightweight.claim': 'true' })];
    expect(run(mappers, 'access', ctx)).toEqual({ light: 'y' });
    expect(run(mappers, 'introspection', ctx)).toEqual({ full_only: 'x', light: 'y' });
    expect(run(mappers, 'id', ctx)).toEqual({ full_only: 'x', light: 'y' });
    // A client policy can ask for it too (Keycloak's session attribute).
    expect(run(mappers, 'access', context({ useLightweightAccessToken: true }))).toEqual({ light: 'y' });
  });

  it('skips unknown providers and non-OIDC mappers', () => {
    const unknown: ProtocolMapperRepresentation = { name: 'script', protocol: 'openid-connect', protocolMapper: 'oidc-script-mapper', config: all };
    const saml: ProtocolMapperRepresentation = { ...hardcoded('saml', 'x', all), protocol: 'saml' };
    expect(run([unknown, saml, hardcoded('ok', 'x', all)], 'access')).toEqual({ ok: 'x' });
  });

  it('runs only mappers implementing the token kind: the audience resolve mapper never writes the ID token', () => {
    const ctx = context({ roles: { realm: new Set(), clients: new Map([['api', new Set(['read'])]]) } });
    const resolve: ProtocolMapperRepresentation = {
      name: 'audience resolve',
      protocol: 'openid-connect',
      protocolMapper: 'oidc-audience-resolve-mapper',
      config: { 'id.token.claim': 'true' },
    };
    expect(run([resolve], 'id', ctx)).toEqual({});
    expect(run([resolve], 'access', ctx)).toEqual({ aud: 'api' });
  });
});

describe('ordering (ProtocolMapperUtils priorities)', () => {
  it('keeps the given order among equal priorities: the later mapper of a claim wins', () => {
    const first = hardcoded('tier', 'silver', { 'access.token.claim': 'true' });
    const second = hardcoded('tier', 'gold', { 'access.token.claim': 'true' });
    expect(run([first, second], 'access')).toEqual({ tier: 'gold' });
    expect(run([second, first], 'access')).toEqual({ tier: 'silver' });
  });

  it('runs the sub mapper (-10) before claim mappers (0), so a mapper may override sub', () => {
    const sub: ProtocolMapperRepresentation = {
      name: 'sub',
      protocol: 'openid-connect',
      protocolMapper: 'oidc-sub-mapper',
      config: { 'access.token.claim': 'true', 'introspection.token.claim': 'true' },
    };
    const override = hardcoded('sub', 'svc-account', { 'access.token.claim': 'true' });
    expect(run([override, sub], 'access')).toEqual({ sub: 'svc-account' });
  });
});
