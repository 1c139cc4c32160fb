import { describe, expect, it } from 'vitest';
import type { ProtocolMapperRepresentation } from '../../shared/model/protocol-mapper.js';
import { applyProtocolMappers } from '../../shared/oidc/mappers/apply.js';
import type { Claims, MapperContext, ResolvedRoles, TokenCategory } from '../../shared/oidc/mappers/mapper.js';

function roles(realm: string[], clients: Record<string, string[]> = {}): ResolvedRoles {
  return { realm: new Set(realm), clients: new Map(Object.entries(clients).map(([id, r]) => [id, new Set(r)])) };
}

function context(resolved: ResolvedRoles): MapperContext {
  return {
    realm: { id: 'r1', name: 'demo' },
    client: { clientId: 'web-app' },
    user: { id: 'u1', username: 'alice', enabled: true, emailVerified: true, createdTimestamp: 0, requiredActions: [], notBefore: 0 },
    groups: [],
    roles: resolved,
    allowedWebOrigins: [],
  };
}

const mapper = (protocolMapper: string, config: Record<string, string>, name = protocolMapper): ProtocolMapperRepresentation => ({
  name,
  protocol: 'openid-connect',
  protocolMapper,
  config,
});

// The "roles" client scope's mappers as Keycloak creates them.
const realmRoles = mapper('oidc-usermodel-realm-role-mapper', {
  'user.attribute': 'foo',
  'access.token.claim': 'true',
  'introspection.token.claim': 'true',
  'claim.name': 'realm_access.roles',
  'jsonType.label': 'String',
  multivalued: 'true',
});
const clientRoles = mapper('oidc-usermodel-client-role-mapper', {
  'user.attribute': 'foo',
  'access.token.claim': 'true',
  'introspection.token.claim': 'true',
  'claim.name': 'resource_access.${client_id}.roles',
  'jsonType.label': 'String',
  multivalued: 'true',
});

const run = (mappers: ProtocolMapperRepresentation[], ctx: MapperContext, category: TokenCategory = 'access', claims: Claims = {}) =>
  applyProtocolMappers(claims, mappers, ctx, category);

describe('oidc-usermodel-realm-role-mapper / oidc-usermodel-client-role-mapper', () => {
  it('writes realm_access and resource_access like the default roles scope', () => {
    const ctx = context(roles(['offline_access', 'uma_authorization'], { account: ['manage-account', 'view-profile'], 'my.api': ['read'] }));
    expect(run([realmRoles, clientRoles], ctx)).toEqual({
      realm_access: { roles: ['offline_access', 'uma_authorization'] },
      resource_access: {
        account: { roles: ['manage-account', 'view-profile'] },
        // ${client_id} is escaped before splitting, so a client id with dots stays one key.
        'my.api': { roles: ['read'] },
      },
    });
  });

  it('adds no claim when the user has no roles', () => {
    expect(run([realmRoles, clientRoles], context(roles([], { account: [] })))).toEqual({});
  });

  it('prefixes roles and writes a custom claim', () => {
    const prefixed = mapper('oidc-usermodel-realm-role-mapper', {
      'access.token.claim': 'true',
      'claim.name': 'groups',
      multivalued: 'true',
      'usermodel.realmRoleMapping.rolePrefix': 'realm:',
    });
    expect(run([prefixed], context(roles(['admin'])))).toEqual({ groups: ['realm:admin'] });
  });

  it('writes only the first role when not multivalued', () => {
    const single = mapper('oidc-usermodel-realm-role-mapper', { 'access.token.claim': 'true', 'claim.name': 'role' });
    expect(run([single], context(roles(['admin', 'user'])))).toEqual({ role: 'admin' });
  });

  it('restricts the client role mapper to one client with usermodel.clientRoleMapping.clientId', () => {
    const onlyApi = mapper('oidc-usermodel-client-role-mapper', {
      'access.token.claim': 'true',
      'claim.name': 'api_roles',
      multivalued: 'true',
      'usermodel.clientRoleMapping.clientId': 'api',
      'usermodel.clientRoleMapping.rolePrefix': 'api:',
    });
    const ctx = context(roles([], { api: ['read', 'write'], account: ['view-profile'] }));
    expect(run([onlyApi], ctx)).toEqual({ api_roles: ['api:read', 'api:write'] });
    expect(run([onlyApi], context(roles([], { account: ['view-profile'] })))).toEqual({});
  });

  it('merges role lists from several mappers into one set in the access token', () => {
    // AbstractUserRoleMappingMapper.checkAccessToken adds to AccessToken.Access, whose roles are a Set.
    const ctx = context(roles(['admin'], { 'web-app': ['editor'] }));
    const webAppAsRealm = mapper('oidc-usermodel-client-role-mapper', {
      'access.token.claim': 'true',
      'claim.name': 'realm_access.roles',
      multivalued: 'true',
      'usermodel.clientRoleMapping.clientId': 'web-app',
    });
    const twice = mapper('oidc-usermodel-realm-role-mapper', { ...realmRoles.config });
    expect(run([realmRoles, twice, webAppAsRealm], ctx)).toEqual({ realm_access: { roles: ['admin', 'editor'] } });
  });

  it('appends lists in the ID token, which has no Access fields (duplicates kept, as Keycloak addAll)', () => {
    const ctx = context(roles(['admin']));
    const idRealm = mapper('oidc-usermodel-realm-role-mapper', { ...realmRoles.config, 'id.token.claim': 'true' });
    expect(run([idRealm, idRealm], ctx, 'id')).toEqual({ realm_access: { roles: ['admin', 'admin'] } });
  });

  it('includes role claims in userinfo only when the mapper says so', () => {
    const ctx = context(roles(['admin']));
    expect(run([realmRoles], ctx, 'userinfo')).toEqual({});
    const withUserInfo = mapper('oidc-usermodel-realm-role-mapper', { ...realmRoles.config, 'userinfo.token.claim': 'true' });
    expect(run([withUserInfo], ctx, 'userinfo')).toEqual({ realm_access: { roles: ['admin'] } });
  });
});

describe('oidc-hardcoded-role-mapper (HardcodedRole)', () => {
  const hardcoded = (role: string) => mapper('oidc-hardcoded-role-mapper', { role }, `hardcoded ${role}`);

  it('adds realm and client roles before the role mappers run, whatever the mapper order', () => {
    const ctx = context(roles(['user']));
    // Listed after the role mappers: priority 20 still runs them before the role mappers' 40.
    expect(run([realmRoles, clientRoles, hardcoded('auditor'), hardcoded('my.api.read')], ctx)).toEqual({
      realm_access: { roles: ['user', 'auditor'] },
      resource_access: { 'my.api': { roles: ['read'] } },
    });
  });

  it('changes the roles but writes nothing by itself, and ignores the include switches', () => {
    const ctx = context(roles([]));
    const withSwitchesOff = mapper('oidc-hardcoded-role-mapper', { role: 'auditor', 'access.token.claim': 'false' });
    expect(run([withSwitchesOff], ctx)).toEqual({});
    expect([...ctx.roles.realm]).toEqual(['auditor']);
  });

  it('does not run for the ID token (HardcodedRole is no OIDCIDTokenMapper)', () => {
    const ctx = context(roles(['user']));
    const idRealm = mapper('oidc-usermodel-realm-role-mapper', { ...realmRoles.config, 'id.token.claim': 'true' });
    expect(run([hardcoded('auditor'), idRealm], ctx, 'id')).toEqual({ realm_access: { roles: ['user'] } });
  });
});

describe('oidc-role-name-mapper (RoleNameMapper)', () => {
  const rename = (role: string, newName: string) => mapper('oidc-role-name-mapper', { role, 'new.role.name': newName });

  it('renames a realm role, or moves it into a client', () => {
    const ctx = context(roles(['admin', 'user']));
    expect(run([realmRoles, clientRoles, rename('admin', 'administrator'), rename('user', 'portal.member')], ctx)).toEqual({
      realm_access: { roles: ['administrator'] },
      resource_access: { portal: { roles: ['member'] } },
    });
  });

  it('moves a client role (split at the last dot) to the realm', () => {
    const ctx = context(roles([], { 'my.api': ['read'] }));
    expect(run([realmRoles, clientRoles, rename('my.api.read', 'api-reader')], ctx)).toEqual({
      realm_access: { roles: ['api-reader'] },
    });
  });

  it('does nothing when the user lacks the role', () => {
    const ctx = context(roles(['user']));
    expect(run([realmRoles, rename('admin', 'administrator')], ctx)).toEqual({ realm_access: { roles: ['user'] } });
  });

  it('runs before the hardcoded role mapper (10 < 20): a hardcoded role is not renamed', () => {
    const ctx = context(roles([]));
    const mappers = [mapper('oidc-hardcoded-role-mapper', { role: 'admin' }), rename('admin', 'administrator'), realmRoles];
    expect(run(mappers, ctx)).toEqual({ realm_access: { roles: ['admin'] } });
  });
});
