import { describe, expect, it } from 'vitest';
import type { ProtocolMapperRepresentation } from '../../shared/model/protocol-mapper.js';
import type { UserRepresentation } from '../../shared/model/user.js';
import { applyProtocolMappers } from '../../shared/oidc/mappers/apply.js';
import type { MapperContext, MapperGroup, TokenCategory } from '../../shared/oidc/mappers/mapper.js';

const alice: UserRepresentation = {
  id: '6b9c9a2e-1f0e-4c39-9a3e-2f1d0c7e5a11',
  username: 'alice',
  email: 'alice@example.com',
  firstName: 'Alice',
  lastName: 'Liddell',
  enabled: true,
  emailVerified: true,
  createdTimestamp: 1700000000123,
  requiredActions: [],
  notBefore: 0,
  attributes: {
    department: ['research'],
    phones: ['+64 1', '+64 2'],
    employeeNumber: ['4711'],
    settings: ['{"theme":"dark","beta":true}'],
    street: ['1 Rabbit Hole'],
    locality: ['Oxford'],
    country: ['GB'],
  },
};

const parent: MapperGroup = { id: 'g0', name: 'staff', path: '/staff', attributes: { costCenter: ['100'], site: ['HQ'] } };
const child: MapperGroup = { id: 'g1', name: 'lab', path: '/staff/lab', attributes: { site: ['Lab'] }, parent };

function context(overrides: Partial<MapperContext> = {}): MapperContext {
  return {
    realm: { id: 'r1', name: 'demo' },
    client: { clientId: 'web-app' },
    user: alice,
    groups: [],
    roles: { realm: new Set(), clients: new Map() },
    allowedWebOrigins: [],
    ...overrides,
  };
}

const allTokens = { 'access.token.claim': 'true', 'id.token.claim': 'true', 'userinfo.token.claim': 'true', 'introspection.token.claim': 'true' };

const mapper = (protocolMapper: string, config: Record<string, string>): ProtocolMapperRepresentation => ({
  name: protocolMapper,
  protocol: 'openid-connect',
  protocolMapper,
  config: { ...allTokens, ...config },
});

const attribute = (config: Record<string, string>) => mapper('oidc-usermodel-attribute-mapper', config);
const run = (mappers: ProtocolMapperRepresentation[], ctx = context(), category: TokenCategory = 'id') =>
  applyProtocolMappers({}, mappers, ctx, category);

describe('oidc-usermodel-attribute-mapper (UserAttributeMapper)', () => {
  it('maps the profile scope "username" mapper to preferred_username', () => {
    // Keycloak's default "profile" scope maps the username attribute to preferred_username as a String.
    const m = attribute({ 'user.attribute': 'username', 'claim.name': 'preferred_username', 'jsonType.label': 'String' });
    expect(run([m])).toEqual({ preferred_username: 'alice' });
  });

  it('writes nested claims, converts JSON types and lists multivalued attributes', () => {
    const mappers = [
      attribute({ 'user.attribute': 'department', 'claim.name': 'org.department', 'jsonType.label': 'String' }),
      attribute({ 'user.attribute': 'employeeNumber', 'claim.name': 'org.number', 'jsonType.label': 'long' }),
      attribute({ 'user.attribute': 'settings', 'claim.name': 'settings', 'jsonType.label': 'JSON' }),
      attribute({ 'user.attribute': 'phones', 'claim.name': 'phones', 'jsonType.label': 'String', multivalued: 'true' }),
      attribute({ 'user.attribute': 'phones', 'claim.name': 'first_phone', 'jsonType.label': 'String' }),
    ];
    expect(run(mappers)).toEqual({
      org: { department: 'research', number: 4711 },
      settings: { theme: 'dark', beta: true },
      phones: ['+64 1', '+64 2'],
      first_phone: '+64 1',
    });
  });

  it('adds no claim for an attribute the user does not have', () => {
    expect(run([attribute({ 'user.attribute': 'nickname', 'claim.name': 'nickname', 'jsonType.label': 'String' })])).toEqual({});
  });

  it('falls back to the first group (and its parents) that has the attribute', () => {
    // KeycloakModelUtils.resolveAttribute: user first, then groups; a group without the value asks its parent.
    const ctx = context({ groups: [child] });
    const mappers = [
      attribute({ 'user.attribute': 'site', 'claim.name': 'site', multivalued: 'true' }),
      attribute({ 'user.attribute': 'costCenter', 'claim.name': 'cost_center', 'jsonType.label': 'int' }),
    ];
    expect(run(mappers, ctx)).toEqual({ site: ['Lab'], cost_center: 100 });
  });

  it('merges user and group values with aggregate.attrs', () => {
    const ctx = context({ groups: [child], user: { ...alice, attributes: { ...alice.attributes, site: ['Home'] } } });
    const m = attribute({ 'user.attribute': 'site', 'claim.name': 'site', multivalued: 'true', 'aggregate.attrs': 'true' });
    // Keycloak collects aggregated values in a HashSet: the order is unspecified.
    expect((run([m], ctx)['site'] as string[]).sort()).toEqual(['HQ', 'Home', 'Lab']);
    const plain = attribute({ 'user.attribute': 'site', 'claim.name': 'site', multivalued: 'true' });
    expect(run([plain], ctx)).toEqual({ site: ['Home'] });
  });
});

describe('oidc-usermodel-property-mapper (UserPropertyMapper)', () => {
  const property = (name: string, claim: string, type?: string) =>
    mapper('oidc-usermodel-property-mapper', { 'user.attribute': name, 'claim.name': claim, ...(type ? { 'jsonType.label': type } : {}) });

  it('maps the profile/email scope properties as Keycloak configures them', () => {
    const mappers = [
      property('email', 'email', 'String'),
      property('emailVerified', 'email_verified', 'boolean'),
      property('firstName', 'given_name', 'String'),
      property('LastName', 'family_name', 'String'),
      property('createdTimestamp', 'created', 'long'),
      property('id', 'uid'),
    ];
    expect(run(mappers)).toEqual({
      email: 'alice@example.com',
      email_verified: true,
      given_name: 'Alice',
      family_name: 'Liddell',
      created: 1700000000123,
      uid: '6b9c9a2e-1f0e-4c39-9a3e-2f1d0c7e5a11',
    });
  });

  it('adds no claim for an unset or unknown property', () => {
    const noEmail = context({ user: { ...alice, email: undefined } });
    expect(run([property('email', 'email', 'String'), property('shoeSize', 'shoe', 'int')], noEmail)).toEqual({});
  });
});

describe('oidc-full-name-mapper (FullNameMapper)', () => {
  const fullName = mapper('oidc-full-name-mapper', {});

  it('joins first and last name', () => {
    expect(run([fullName])).toEqual({ name: 'Alice Liddell' });
  });

  it('uses whichever part is set and adds nothing when neither is', () => {
    expect(run([fullName], context({ user: { ...alice, firstName: '' } }))).toEqual({ name: 'Liddell' });
    expect(run([fullName], context({ user: { ...alice, firstName: undefined, lastName: undefined } }))).toEqual({});
  });
});

describe('oidc-address-mapper (AddressMapper)', () => {
  it('builds the address claim from the default attribute names', () => {
    const address = mapper('oidc-address-mapper', {
      'user.attribute.formatted': 'formatted',
      'user.attribute.street': 'street',
      'user.attribute.locality': 'locality',
      'user.attribute.region': 'region',
      'user.attribute.postal_code': 'postal_code',
      'user.attribute.country': 'country',
    });
    expect(run([address])).toEqual({ address: { street_address: '1 Rabbit Hole', locality: 'Oxford', country: 'GB' } });
  });

  it('reads renamed attributes and always writes the object, empty when nothing is set', () => {
    const renamed = mapper('oidc-address-mapper', { 'user.attribute.country': 'department' });
    expect(run([renamed])).toEqual({ address: { street_address: '1 Rabbit Hole', locality: 'Oxford', country: 'research' } });
    expect(run([renamed], context({ user: { ...alice, attributes: {} } }))).toEqual({ address: {} });
  });
});
