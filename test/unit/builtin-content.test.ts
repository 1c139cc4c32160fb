import { describe, expect, it } from 'vitest';
import type { ClientRepresentation } from '../../shared/model/client.js';
import type { RoleRepresentation } from '../../shared/model/role.js';
import {
  builtinClientScopeRoleMappings,
  builtinClientScopes,
  builtinOidcClientScopes,
  defaultClientScopesFor,
  optionalClientScopesFor,
  realmDefaultClientScopes,
  realmOptionalClientScopes,
} from '../../shared/model/builtin/client-scopes.js';
import {
  builtinClientScopeMappings,
  builtinClients,
  encodePathAsIs,
  masterRealmManagementClient,
} from '../../shared/model/builtin/clients.js';
import {
  adminClientRoleNames,
  builtinRealmRoles,
  defaultRolesName,
  masterAdminCompositesFor,
} from '../../shared/model/builtin/roles.js';

function counter(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

/** Everything a realm holds after creation: realm roles and every client's roles, by container. */
function realmContent(realmName: string, isMaster: boolean) {
  const newId = counter();
  const clients = builtinClients(realmName, isMaster, newId);
  const realmRoles = builtinRealmRoles(realmName, isMaster, newId, 'realm-uuid');
  const clientRoles = new Map(clients.map(({ client, roles }) => [client.clientId, roles]));
  return { clients, realmRoles, clientRoles, newId };
}

function names(roles: RoleRepresentation[] | undefined): string[] {
  return (roles ?? []).map((r) => r.name);
}

function byClientId(clients: { client: ClientRepresentation }[], clientId: string): ClientRepresentation {
  const found = clients.find(({ client }) => client.clientId === clientId);
  if (!found) throw new Error(`no client ${clientId}`);
  return found.client;
}

/** Every composite child a role names must exist in the realm (or, for master's admin, in master). */
function missingChildren(realmRoles: RoleRepresentation[], clientRoles: Map<string, RoleRepresentation[]>): string[] {
  const missing: string[] = [];
  for (const role of [...realmRoles, ...[...clientRoles.values()].flat()]) {
    expect(role.composite).toBe(role.composites !== undefined);
    for (const child of role.composites?.realm ?? []) {
      if (!names(realmRoles).includes(child)) missing.push(`${role.name} -> realm ${child}`);
    }
    for (const [clientId, children] of Object.entries(role.composites?.client ?? {})) {
      for (const child of children) {
        if (!names(clientRoles.get(clientId)).includes(child)) missing.push(`${role.name} -> ${clientId} ${child}`);
      }
    }
  }
  return missing;
}

describe('built-in client scopes', () => {
  const scopes = builtinClientScopes(counter());
  const scopeNames = scopes.map((s) => s.name);

  it('are the fifteen scopes of a fresh Keycloak 26.7 realm', () => {
    expect(scopeNames).toEqual([
      'offline_access', 'profile', 'email', 'address', 'phone', 'roles', 'web-origins', 'microprofile-jwt',
      'acr', 'basic', 'service_account', 'organization', 'role_list', 'saml_organization', 'AuthnContextClassRef',
    ]);
    expect(new Set(scopeNames).size).toBe(scopeNames.length);
  });

  it('name realm default and optional scopes that exist, without overlap, leaving service_account out', () => {
    for (const name of [...realmDefaultClientScopes, ...realmOptionalClientScopes]) expect(scopeNames).toContain(name);
    expect(realmDefaultClientScopes.filter((n) => realmOptionalClientScopes.includes(n))).toEqual([]);
    expect([...realmDefaultClientScopes, ...realmOptionalClientScopes]).not.toContain('service_account');
    expect(defaultClientScopesFor('openid-connect')).toEqual(['profile', 'email', 'roles', 'web-origins', 'acr', 'basic']);
    expect(optionalClientScopesFor('openid-connect')).toEqual([
      'offline_access', 'address', 'phone', 'microprofile-jwt', 'organization',
    ]);
    expect(defaultClientScopesFor('saml')).toEqual(['role_list', 'saml_organization', 'AuthnContextClassRef']);
  });

  it('carry mappers of their own protocol whose config values are all strings', () => {
    for (const scope of scopes) {
      expect(Object.values(scope.attributes ?? {}).every((v) => typeof v === 'string')).toBe(true);
      for (const mapper of scope.protocolMappers ?? []) {
        expect(mapper.protocol).toBe(scope.protocol);
        expect(mapper.consentRequired).toBe(false);
        expect(Object.values(mapper.config).every((v) => typeof v === 'string')).toBe(true);
      }
      const mapperNames = (scope.protocolMappers ?? []).map((m) => m.name);
      expect(new Set(mapperNames).size).toBe(mapperNames.length);
    }
  });

  it('give every scope and mapper its own id from the factory', () => {
    const ids = scopes.flatMap((s) => [s.id, ...(s.protocolMappers ?? []).map((m) => m.id)]);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('match Keycloak exactly where spot-checked', () => {
    const scope = (name: string) => scopes.find((s) => s.name === name)!;
    expect(scope('email')).toEqual({
      id: expect.any(String),
      name: 'email',
      description: 'OpenID Connect built-in scope: email',
      protocol: 'openid-connect',
      attributes: {
        'include.in.token.scope': 'true',
        'consent.screen.text': '${emailScopeConsentText}',
        'display.on.consent.screen': 'true',
      },
      protocolMappers: [
        {
          id: expect.any(String), name: 'email', protocol: 'openid-connect', protocolMapper: 'oidc-usermodel-attribute-mapper',
          consentRequired: false,
          config: {
            'introspection.token.claim': 'true', 'userinfo.token.claim': 'true', 'user.attribute': 'email',
            'id.token.claim': 'true', 'access.token.claim': 'true', 'claim.name': 'email', 'jsonType.label': 'String',
          },
        },
        {
          id: expect.any(String), name: 'email verified', protocol: 'openid-connect',
          protocolMapper: 'oidc-usermodel-property-mapper', consentRequired: false,
          config: {
            'introspection.token.claim': 'true', 'userinfo.token.claim': 'true', 'user.attribute': 'emailVerified',
            'id.token.claim': 'true', 'access.token.claim': 'true', 'claim.name': 'email_verified', 'jsonType.label': 'boolean',
          },
        },
      ],
    });
    expect(scope('offline_access')).not.toHaveProperty('protocolMappers');
    expect(scope('offline_access').attributes).toEqual({
      'consent.screen.text': '${offlineAccessScopeConsentText}',
      'display.on.consent.screen': 'true',
    });
    expect(scope('basic').protocolMappers?.map((m) => [m.name, m.protocolMapper])).toEqual([
      ['auth_time', 'oidc-usersessionmodel-note-mapper'],
      ['sub', 'oidc-sub-mapper'],
    ]);
    expect(scope('basic').protocolMappers?.[1]?.config).toEqual({
      'introspection.token.claim': 'true', 'access.token.claim': 'true',
    });
    const roles = scope('roles').protocolMappers!;
    expect(roles.map((m) => m.name)).toEqual(['realm roles', 'client roles', 'audience resolve']);
    expect(roles[1]?.config['claim.name']).toBe('resource_access.${client_id}.roles');
    expect(roles[0]?.config).not.toHaveProperty('id.token.claim');
    expect(scope('web-origins').attributes?.['consent.screen.text']).toBe('');
    expect(scope('profile').protocolMappers).toHaveLength(14);
    expect(scope('profile').protocolMappers?.find((m) => m.name === 'updated at')?.config['jsonType.label']).toBe('long');
    expect(scope('service_account').protocolMappers?.find((m) => m.name === 'Client ID')?.config).toMatchObject({
      'user.session.note': 'client_id', 'claim.name': 'client_id',
    });
    expect(scope('acr').protocolMappers?.[0]?.name).toBe('acr loa level');
    expect(builtinClientScopeRoleMappings).toEqual([{ clientScope: 'offline_access', roles: ['offline_access'] }]);
  });

  it('hand out fresh objects on every call', () => {
    const first = builtinOidcClientScopes(counter());
    const familyName = (scopes: typeof first) => scopes[1]!.protocolMappers!.find((m) => m.name === 'family name')!;
    familyName(first).config['claim.name'] = 'changed';
    expect(familyName(builtinOidcClientScopes(counter())).config['claim.name']).toBe('family_name');
  });
});

describe('built-in realm roles', () => {
  it('lower-case the realm name in the default role and describe roles with theme keys', () => {
    const roles = builtinRealmRoles('Acme', false, counter(), 'r1');
    expect(names(roles)).toEqual(['default-roles-acme', 'offline_access', 'uma_authorization']);
    expect(roles.map((r) => r.description)).toEqual([
      '${role_default-roles}', '${role_offline-access}', '${role_uma_authorization}',
    ]);
    expect(roles[0]?.composites).toEqual({
      realm: ['offline_access', 'uma_authorization'],
      client: { account: ['view-profile', 'manage-account'] },
    });
    expect(roles.every((r) => r.clientRole === false && r.containerId === 'r1')).toBe(true);
    expect(defaultRolesName('MyRealm')).toBe('default-roles-myrealm');
  });

  it('give master admin and create-realm, admin over create-realm and master-realm', () => {
    const roles = builtinRealmRoles('master', true, counter());
    expect(names(roles)).toEqual(['default-roles-master', 'admin', 'create-realm', 'offline_access', 'uma_authorization']);
    const admin = roles.find((r) => r.name === 'admin')!;
    expect(admin.description).toBe('${role_admin}');
    expect(admin.composites?.realm).toEqual(['create-realm']);
    expect(admin.composites?.client?.['master-realm']).toHaveLength(21);
    expect(roles.find((r) => r.name === 'create-realm')?.composite).toBe(false);
  });
});

describe('built-in clients', () => {
  it('are the six clients of a realm, with realm-management outside master and master-realm in it', () => {
    const clientIds = (realm: string, master: boolean) => builtinClients(realm, master, counter()).map((c) => c.client.clientId);
    expect(clientIds('acme', false)).toEqual([
      'account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console',
    ]);
    expect(clientIds('master', true)).toEqual([
      'account', 'account-console', 'admin-cli', 'broker', 'master-realm', 'security-admin-console',
    ]);
  });

  it('leave no composite pointing at a role that does not exist', () => {
    for (const [realm, master] of [['acme', false], ['master', true]] as const) {
      const { realmRoles, clientRoles } = realmContent(realm, master);
      expect(missingChildren(realmRoles, clientRoles)).toEqual([]);
    }
  });

  it('make realm-admin a composite of every other realm-management role', () => {
    const { clientRoles } = realmContent('acme', false);
    const roles = clientRoles.get('realm-management')!;
    const realmAdmin = roles.find((r) => r.name === 'realm-admin')!;
    const others = names(roles).filter((n) => n !== 'realm-admin');
    expect(others).toHaveLength(21);
    expect([...(realmAdmin.composites?.client?.['realm-management'] ?? [])].sort()).toEqual([...others].sort());
    expect(roles.find((r) => r.name === 'view-users')?.composites).toEqual({
      client: { 'realm-management': ['query-users', 'query-groups'] },
    });
    expect(roles.find((r) => r.name === 'view-organizations')?.composites?.client?.['realm-management']).toEqual([
      'query-organizations',
    ]);
    expect(names(roles)).toContain('impersonation');
  });

  it('give each realm a {realm}-realm client in master whose roles master admin takes', () => {
    const { client, roles } = masterRealmManagementClient('acme', counter());
    expect(client).toMatchObject({
      clientId: 'acme-realm', name: 'acme Realm', bearerOnly: true, publicClient: false,
      attributes: { realm_client: 'true' }, defaultClientScopes: [], optionalClientScopes: [],
    });
    expect(client).not.toHaveProperty('protocol');
    expect(names(roles)).toEqual([...adminClientRoleNames]);
    expect(names(roles)).not.toContain('realm-admin');
    expect(roles.every((r) => r.clientRole === true && r.containerId === client.id)).toBe(true);
    expect(masterAdminCompositesFor('acme')).toEqual({ 'acme-realm': names(roles) });
    const { clientRoles } = realmContent('master', true);
    clientRoles.set('acme-realm', roles);
    const admin: RoleRepresentation = { name: 'admin', composite: true, composites: { client: masterAdminCompositesFor('acme') } };
    expect(missingChildren([admin], clientRoles)).toEqual([]);
  });

  it('give the clients existing scopes of their own protocol', () => {
    const scopeNames = builtinClientScopes(counter()).map((s) => s.name);
    for (const { client } of builtinClients('acme', false, counter())) {
      for (const name of [...client.defaultClientScopes!, ...client.optionalClientScopes!]) expect(scopeNames).toContain(name);
      expect(client.defaultClientScopes).toEqual(['profile', 'email', 'roles', 'web-origins', 'acr', 'basic']);
      for (const mapper of client.protocolMappers ?? []) {
        expect(Object.values(mapper.config).every((v) => typeof v === 'string')).toBe(true);
      }
    }
  });

  it('match Keycloak exactly where spot-checked', () => {
    const clients = builtinClients('acme', false, counter());
    expect(byClientId(clients, 'account')).toMatchObject({
      name: '${client_account}', rootUrl: '${authBaseUrl}', baseUrl: '/realms/acme/account/',
      redirectUris: ['/realms/acme/account/*'], webOrigins: [], publicClient: true, bearerOnly: false,
      standardFlowEnabled: true, directAccessGrantsEnabled: false, fullScopeAllowed: false, frontchannelLogout: false,
      attributes: { realm_client: 'false', 'post.logout.redirect.uris': '+' },
    });
    const accountConsole = byClientId(clients, 'account-console');
    expect(accountConsole.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(accountConsole.protocolMappers?.map((m) => [m.name, m.protocolMapper])).toEqual([
      ['audience resolve', 'oidc-audience-resolve-mapper'],
    ]);
    expect(byClientId(clients, 'admin-cli')).toMatchObject({
      publicClient: true, standardFlowEnabled: false, directAccessGrantsEnabled: true, fullScopeAllowed: true,
      attributes: { realm_client: 'false', 'client.use.lightweight.access.token.enabled': 'true' },
    });
    expect(byClientId(clients, 'admin-cli')).not.toHaveProperty('rootUrl');
    expect(byClientId(clients, 'broker')).toMatchObject({ bearerOnly: true, publicClient: false, fullScopeAllowed: false });
    const console = byClientId(clients, 'security-admin-console');
    expect(console).toMatchObject({
      rootUrl: '${authAdminUrl}', baseUrl: '/admin/acme/console/', redirectUris: ['/admin/acme/console/*'],
      webOrigins: ['+'], publicClient: true, fullScopeAllowed: true,
    });
    expect(console.protocolMappers?.[0]?.config).toEqual({
      'introspection.token.claim': 'true', 'userinfo.token.claim': 'true', 'user.attribute': 'locale',
      'id.token.claim': 'true', 'access.token.claim': 'true', 'claim.name': 'locale', 'jsonType.label': 'String',
    });
    const { clientRoles } = realmContent('acme', false);
    expect(names(clientRoles.get('account'))).toEqual([
      'view-profile', 'manage-account', 'manage-account-links', 'view-applications', 'view-consent',
      'manage-consent', 'view-groups', 'delete-account',
    ]);
    expect(clientRoles.get('account')?.find((r) => r.name === 'manage-consent')?.composites).toEqual({
      client: { account: ['view-consent'] },
    });
    expect(clientRoles.get('broker')?.map((r) => [r.name, r.description])).toEqual([['read-token', '${role_read-token}']]);
    expect(builtinClientScopeMappings).toEqual([
      { client: 'account-console', roles: { account: ['manage-account', 'view-groups'] } },
    ]);
  });

  it('encode the realm name in URLs the way Keycloak does', () => {
    expect(encodePathAsIs('my realm')).toBe('my%20realm');
    expect(encodePathAsIs('café')).toBe('caf%C3%A9');
    expect(encodePathAsIs('a%20b')).toBe('a%20b');
    expect(byClientId(builtinClients('my realm', false, counter()), 'account').baseUrl).toBe('/realms/my%20realm/account/');
  });

  it('give every client, role and mapper a distinct id', () => {
    const { clients, realmRoles, clientRoles } = realmContent('acme', false);
    const ids = [
      ...clients.flatMap(({ client }) => [client.id, ...(client.protocolMappers ?? []).map((m) => m.id)]),
      ...realmRoles.map((r) => r.id),
      ...[...clientRoles.values()].flat().map((r) => r.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const { client, roles } of clients) expect(roles.every((r) => r.containerId === client.id)).toBe(true);
  });
});
