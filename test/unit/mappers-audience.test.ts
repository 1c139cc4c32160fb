import { describe, expect, it } from 'vitest';
import type { ProtocolMapperRepresentation } from '../../shared/model/protocol-mapper.js';
import { applyProtocolMappers } from '../../shared/oidc/mappers/apply.js';
import type { Claims, MapperContext, TokenCategory } from '../../shared/oidc/mappers/mapper.js';

function context(overrides: Partial<MapperContext> = {}): MapperContext {
  return {
    realm: { id: 'r1', name: 'demo' },
    client: { clientId: 'web-app', webOrigins: ['+'], redirectUris: ['https://app.example.com/*'] },
    user: { id: 'u1', username: 'alice', enabled: true, emailVerified: true, createdTimestamp: 0, requiredActions: [], notBefore: 0 },
    groups: [],
    roles: { realm: new Set(['user']), clients: new Map() },
    allowedWebOrigins: ['https://app.example.com'],
    ...overrides,
  };
}

const mapper = (protocolMapper: string, config: Record<string, string>): ProtocolMapperRepresentation => ({
  name: protocolMapper,
  protocol: 'openid-connect',
  protocolMapper,
  config,
});

const run = (mappers: ProtocolMapperRepresentation[], ctx = context(), category: TokenCategory = 'access', claims: Claims = {}) =>
  applyProtocolMappers(claims, mappers, ctx, category);

describe('oidc-audience-mapper (AudienceProtocolMapper)', () => {
  const audience = (config: Record<string, string>) => mapper('oidc-audience-mapper', { 'access.token.claim': 'true', ...config });

  it('adds a client audience, serialised as a string when it is the only one', () => {
    expect(run([audience({ 'included.client.audience': 'api' })])).toEqual({ aud: 'api' });
  });

  it('falls back to the custom audience and collects several audiences in an array without repeats', () => {
    const mappers = [
      audience({ 'included.client.audience': 'api' }),
      audience({ 'included.custom.audience': 'https://billing.example.com' }),
      audience({ 'included.client.audience': 'api', 'included.custom.audience': 'ignored' }),
    ];
    expect(run(mappers)).toEqual({ aud: ['api', 'https://billing.example.com'] });
  });

  it('adds to the ID token only with id.token.claim, next to the audience the builder set', () => {
    const m = audience({ 'included.client.audience': 'api' });
    expect(run([m], context(), 'id', { aud: 'web-app' })).toEqual({ aud: 'web-app' });
    const withId = audience({ 'included.client.audience': 'api', 'id.token.claim': 'true' });
    expect(run([withId], context(), 'id', { aud: 'web-app' })).toEqual({ aud: ['web-app', 'api'] });
  });

  it('adds nothing when neither audience is configured', () => {
    expect(run([audience({})])).toEqual({});
  });
});

describe('oidc-audience-resolve-mapper (AudienceResolveProtocolMapper)', () => {
  const resolve = mapper('oidc-audience-resolve-mapper', { 'access.token.claim': 'true', 'introspection.token.claim': 'true' });

  it('adds every client the user has a role of, except the client the token is for', () => {
    const ctx = context({
      roles: {
        realm: new Set(['user']),
        clients: new Map([
          ['account', new Set(['view-profile'])],
          ['web-app', new Set(['editor'])],
          ['billing', new Set(['payer'])],
          ['empty', new Set<string>()],
        ]),
      },
    });
    expect(run([resolve], ctx)).toEqual({ aud: ['account', 'billing'] });
  });

  it('sees roles added by a hardcoded role mapper (priority 20 < 30)', () => {
    const hardcoded = mapper('oidc-hardcoded-role-mapper', { role: 'reports.viewer' });
    expect(run([resolve, hardcoded])).toEqual({ aud: 'reports' });
  });

  it('treats missing switches as "true", but needs lightweight.claim in a lightweight access token', () => {
    const bare = mapper('oidc-audience-resolve-mapper', {});
    const ctx = context({ roles: { realm: new Set(), clients: new Map([['api', new Set(['read'])]]) } });
    expect(run([bare], ctx)).toEqual({ aud: 'api' });
    expect(run([bare], ctx, 'introspection')).toEqual({ aud: 'api' });
    expect(run([bare], { ...ctx, useLightweightAccessToken: true })).toEqual({});
    expect(run([mapper('oidc-audience-resolve-mapper', { 'introspection.token.claim': 'false' })], ctx, 'introspection')).toEqual({});
  });
});

describe('oidc-allowed-origins-mapper (AllowedWebOriginsProtocolMapper)', () => {
  const origins = mapper('oidc-allowed-origins-mapper', {});

  it('puts the resolved web origins in allowed-origins', () => {
    expect(run([origins])).toEqual({ 'allowed-origins': ['https://app.example.com'] });
    expect(run([origins], context(), 'introspection')).toEqual({ 'allowed-origins': ['https://app.example.com'] });
  });

  it('writes an empty list when origins are configured but resolve to none, nothing when none are configured', () => {
    expect(run([origins], context({ allowedWebOrigins: [] }))).toEqual({ 'allowed-origins': [] });
    expect(run([origins], context({ client: { clientId: 'web-app', webOrigins: [] } }))).toEqual({});
  });

  it('is skipped when access.token.claim is "false" and never goes to the ID token', () => {
    expect(run([mapper('oidc-allowed-origins-mapper', { 'access.token.claim': 'false' })])).toEqual({});
    expect(run([mapper('oidc-allowed-origins-mapper', { 'id.token.claim': 'true' })], context(), 'id')).toEqual({});
  });
});
