import { describe, expect, it } from 'vitest';
import { mapClaim, putClaim, splitClaimPath } from '../../shared/oidc/mappers/claim-path.js';
import { ProtocolMapperError } from '../../shared/oidc/mappers/errors.js';
import type { Claims } from '../../shared/oidc/mappers/mapper.js';

// Expected splits were produced by running Keycloak's JsonUtils.splitClaimPath regexes on a JDK 17 (jshell).
describe('splitClaimPath (Keycloak JsonUtils.splitClaimPath)', () => {
  it.each([
    ['a.b.c', ['a', 'b', 'c']],
    ['my\\.claim', ['my.claim']],
    ['a\\\\.b', ['a\\', 'b']],
    ['a\\\\\\.b.c', ['a\\.b', 'c']],
    ['x\\qy.z', ['xqy', 'z']],
    ['resource_access.my\\.client.roles', ['resource_access', 'my.client', 'roles']],
    ['a..b', ['a', '.b']],
    ['.a', ['.a']],
    ['a.', ['a']],
    ['', []],
  ])('splits %j into %j', (path, expected) => {
    expect(splitClaimPath(path)).toEqual(expected);
  });
});

describe('mapClaim (OIDCAttributeMapperHelper.mapClaim)', () => {
  const map = (claims: Claims, name: string | undefined, value: string | string[] | undefined, type?: string, multivalued = false) =>
    mapClaim(claims, name, value, type, multivalued, 'access');

  it('creates nested objects for a dotted claim name and keeps escaped dots', () => {
    const claims: Claims = {};
    map(claims, 'address.country', 'NZ');
    map(claims, 'address.locality', 'Wellington');
    map(claims, 'https://example\\.com/tenant', 't1');
    expect(claims).toEqual({ address: { country: 'NZ', locality: 'Wellington' }, 'https://example.com/tenant': 't1' });
  });

  it.each([
    ['String', '42', '42'],
    ['long', '1700000000', 1700000000],
    ['long', '+7', 7],
    ['int', '-12', -12],
    ['boolean', 'true', true],
    ['boolean', 'TRUE', true],
    ['boolean', 'yes', false],
    ['JSON', '{"tier":"gold","limits":[1,2]}', { tier: 'gold', limits: [1, 2] }],
    ['JSON', 'null', null],
    [undefined, 'as-is', 'as-is'],
    ['Sting', 'unknown types leave the value alone', 'unknown types leave the value alone'],
  ])('converts with jsonType.label %s: %j → %j', (type, value, expected) => {
    const claims: Claims = {};
    map(claims, 'c', value, type);
    expect(claims).toEqual({ c: expected });
  });

  it('fails the token like Keycloak when a value does not convert (NumberFormatException, "cannot map type")', () => {
    expect(() => map({}, 'c', '12.5', 'long')).toThrow(ProtocolMapperError);
    expect(() => map({}, 'c', '3000000000', 'int')).toThrow(ProtocolMapperError);
    expect(() => map({}, 'c', '{not json', 'JSON')).toThrow('cannot map type for token claim');
  });

  it('writes a list only when multivalued, otherwise the first value', () => {
    const claims: Claims = {};
    map(claims, 'single', ['a', 'b']);
    map(claims, 'many', ['1', '2'], 'long', true);
    expect(claims).toEqual({ single: 'a', many: [1, 2] });
  });

  it('writes nothing for a missing value, an empty list or a missing claim name', () => {
    const claims: Claims = {};
    map(claims, 'a', undefined);
    map(claims, 'b', []);
    map(claims, undefined, 'x');
    map(claims, '', 'x');
    expect(claims).toEqual({});
  });

  it('sets typed token fields instead of other claims (Keycloak tokenPropertySetters)', () => {
    const claims: Claims = { iss: 'https://idp/realms/demo', scope: 'openid' };
    map(claims, 'sub', 'custom-subject');
    map(claims, 'azp', 'other-client');
    map(claims, 'auth_time', '1700000000');
    map(claims, 'aud', ['api-a', 'api-b'], undefined, true);
    map(claims, 'iss', 'https://evil');
    map(claims, 'scope', 'admin');
    map(claims, 'sub.nested', 'ignored');
    expect(claims).toEqual({
      iss: 'https://idp/realms/demo',
      scope: 'openid',
      sub: 'custom-subject',
      azp: 'other-client',
      auth_time: 1700000000,
      aud: ['api-a', 'api-b'],
    });
  });

  it('drops azp/acr/auth_time setters in the userinfo response, which only copies sub and aud', () => {
    const claims: Claims = {};
    mapClaim(claims, 'acr', 'gold', 'String', false, 'userinfo');
    mapClaim(claims, 'aud', 'api', 'String', false, 'userinfo');
    expect(claims).toEqual({ aud: ['api'] });
  });

  it('fails when a nested path runs through a non-object claim (Keycloak ClassCastException)', () => {
    expect(() => map({ org: 'acme' }, 'org.id', '1')).toThrow(ProtocolMapperError);
  });
});

describe('putClaim merging (JsonUtils.mapClaim)', () => {
  it('merges multivalued values into an existing claim without duplicates', () => {
    const claims: Claims = { groups: ['/a'] };
    putClaim(claims, ['groups'], ['/a', '/b'], true);
    putClaim(claims, ['groups'], '/c', true);
    expect(claims).toEqual({ groups: ['/a', '/b', '/c'] });
  });

  it('turns an existing single value into a list when a multivalued mapper adds to it', () => {
    const claims: Claims = { tenant: 't1' };
    putClaim(claims, ['tenant'], ['t2'], true);
    expect(claims).toEqual({ tenant: ['t1', 't2'] });
  });

  it('replaces the claim when the mapper is single-valued', () => {
    const claims: Claims = { tenant: ['t1', 't2'] };
    putClaim(claims, ['tenant'], 't3', false);
    expect(claims).toEqual({ tenant: 't3' });
  });

  it('compares JSON values structurally when merging', () => {
    const claims: Claims = { perms: [{ r: 'x' }] };
    putClaim(claims, ['perms'], [{ r: 'x' }, { r: 'y' }], true);
    expect(claims).toEqual({ perms: [{ r: 'x' }, { r: 'y' }] });
  });
});
