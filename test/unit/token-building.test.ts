import { describe, expect, it } from 'vitest';
import { RoleResolver } from '../../shared/oidc/roles/role-resolver.js';
import { appliedScopes } from '../../shared/oidc/scopes/applied-scopes.js';
import { InvalidScope } from '../../shared/oidc/errors/codes.js';
import { accessTokenLifespan, sessionExpiry, sessionLimits } from '../../shared/oidc/tokens/lifespans.js';
import { allowedWebOrigins } from '../../shared/oidc/tokens/web-origins.js';
import type { RealmConfig } from '../../shared/realm/realm-config.js';
import type { ClientConfig } from '../../shared/store/clients.js';
import { roleRecord, type RoleRecord } from '../../shared/store/roles.js';
import { keycloakRealmDefaults } from '../../shared/model/realm-defaults.js';

const realmRole = (id: string, composites: { roleId: string; clientUuid?: string }[] = []) => roleRecord('r', { id, name: id }, composites);
const clientRole = (id: string, clientUuid: string, composites: { roleId: string; clientUuid?: string }[] = []) =>
  roleRecord('r', { id, name: id }, composites, clientUuid);

function clientConfig(id: string, roles: RoleRecord[], extra: Partial<ClientConfig> = {}): ClientConfig {
  return {
    client: { pk: '', sk: '', entity: 'Client', realmId: 'r', version: 1, rep: { id, clientId: id } },
    roles,
    defaultScopeIds: [],
    optionalScopeIds: [],
    roleScopes: [],
    ...extra,
  };
}

describe('composite role expansion (RoleUtils.expandCompositeRoles)', () => {
  it('expands transitively across realm and client roles', async () => {
    const app = clientConfig('app', [clientRole('app-admin', 'app', [{ roleId: 'app-read', clientUuid: 'app' }]), clientRole('app-read', 'app')]);
    const resolver = new RoleResolver([realmRole('boss', [{ roleId: 'app-admin', clientUuid: 'app' }, { roleId: 'staff' }]), realmRole('staff')], async (uuid) =>
      uuid === 'app' ? app : undefined,
    );
    const expanded = await resolver.expand([{ roleId: 'boss' }]);
    expect(expanded.map((role) => role.rep.id).sort()).toEqual(['app-admin', 'app-read', 'boss', 'staff']);
  });

  it('ends on cycles and skips dangling references', async () => {
    const resolver = new RoleResolver(
      [realmRole('a', [{ roleId: 'b' }]), realmRole('b', [{ roleId: 'c' }]), realmRole('c', [{ roleId: 'a' }, { roleId: 'gone' }])],
      async () => undefined,
    );
    expect((await resolver.expand([{ roleId: 'a' }])).map((role) => role.rep.id).sort()).toEqual(['a', 'b', 'c']);
    expect(await resolver.expand([{ roleId: 'x', clientUuid: 'no-such-client' }])).toEqual([]);
  });
});

describe('client scopes applied to a token', () => {
  const scope = (id: string, name: string, attributes: Record<string, string> = {}) => ({
    pk: '',
    sk: '',
    entity: 'ClientScope' as const,
    realmId: 'r',
    version: 1,
    rep: { id, name, protocol: 'openid-connect', attributes },
  });
  const realm = {
    clientScopes: [scope('p', 'profile'), scope('e', 'email'), scope('o', 'offline_access'), scope('w', 'web-origins', { 'include.in.token.scope': 'false' })],
  } as unknown as RealmConfig;
  const client = clientConfig('app', [], { defaultScopeIds: ['p', 'e', 'w'], optionalScopeIds: ['o'] });

  it('always applies defaults, optional ones only when asked, openid as a marker', () => {
    expect(appliedScopes(realm, client, undefined)).toMatchObject({ scopeString: 'profile email', openid: false });
    const asked = appliedScopes(realm, client, 'openid offline_access');
    expect(asked.scopeString).toBe('openid profile email offline_access');
    expect(asked.scopes.map((s) => s.rep.name)).toEqual(['profile', 'email', 'web-origins', 'offline_access']);
  });

  it('refuses scopes the client does not have (RFC 6749 §5.2 invalid_scope)', () => {
    expect(() => appliedScopes(realm, client, 'openid admin')).toThrow(new InvalidScope('Invalid scopes: openid admin'));
  });
});

describe('lifespans', () => {
  const realm = { ...keycloakRealmDefaults };
  it('uses the realm access token lifespan unless the client overrides it', () => {
    expect(accessTokenLifespan(realm, { clientId: 'a' })).toBe(300);
    expect(accessTokenLifespan(realm, { clientId: 'a', attributes: { 'access.token.lifespan': '60' } })).toBe(60);
  });

  it('ends a session at the earlier of idle and max, client settings only shortening it', () => {
    expect(sessionLimits(realm, { clientId: 'a' }, false)).toEqual({ idle: 1800, max: 36000 });
    expect(sessionLimits(realm, { clientId: 'a', attributes: { 'client.session.idle.timeout': '600' } }, false)).toEqual({ idle: 600, max: 36000 });
    expect(sessionLimits(realm, { clientId: 'a', attributes: { 'client.session.idle.timeout': '99999' } }, false).idle).toBe(1800);
    expect(sessionExpiry({ idle: 1800, max: 36000 }, 0, 35000)).toBe(36000);
    expect(sessionExpiry({ idle: 1800, max: 36000 }, 0, 100)).toBe(1900);
  });

  it('gives offline sessions no max lifespan unless the realm enables it', () => {
    expect(sessionLimits(realm, { clientId: 'a' }, true)).toEqual({ idle: 2592000, max: 0 });
    expect(sessionLimits({ ...realm, offlineSessionMaxLifespanEnabled: true }, { clientId: 'a' }, true)).toEqual({ idle: 2592000, max: 5184000 });
  });
});

describe('allowed web origins (WebOriginsUtils)', () => {
  it('expands "+" to the origins of the redirect URIs', () => {
    expect(
      allowedWebOrigins({ clientId: 'a', webOrigins: ['+', 'https://extra.example'], redirectUris: ['https://app.example/cb', 'https://app.example/*', '/rel', 'http://localhost:3000/*'], rootUrl: 'https://root.example' }),
    ).toEqual(['https://app.example', 'https://root.example', 'http://localhost:3000', 'https://extra.example']);
    expect(allowedWebOrigins({ clientId: 'a', webOrigins: ['*'] })).toEqual(['*']);
  });
});
