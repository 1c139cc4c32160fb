import { describe, expect, it } from 'vitest';
import { InvalidClient, InvalidRequest } from '../../shared/oidc/errors/codes.js';
import { parseAuthorization } from '../../shared/oidc/client-auth/basic-header.js';
import { decodeCredentialPart } from '../../shared/oidc/client-auth/credential-decoding.js';
import { presentedCredentials } from '../../shared/oidc/client-auth/presented-credentials.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** RFC 6749 §2.3.1: form-encode each part, then Basic (what openid-client does). */
const rfcBasic = (id: string, secret: string) => `Basic ${b64(`${new URLSearchParams({ a: id }).toString().slice(2)}:${new URLSearchParams({ a: secret }).toString().slice(2)}`)}`;
const form = (entries: Record<string, string> = {}) => new Map(Object.entries(entries));

describe('client_secret_basic header (RFC 6749 §2.3.1, RFC 7617)', () => {
  it('reads id and secret, splitting at the first colon only', () => {
    expect(parseAuthorization(`Basic ${b64('my-app:s3cr:et:')}`)).toEqual({ kind: 'basic', clientId: 'my-app', secret: 's3cr:et:' });
  });

  it('form-decodes both parts: %3A, %25, %2B and + (space)', () => {
    expect(parseAuthorization(rfcBasic('app:one', 'p%a:s+s w/ö'))).toEqual({ kind: 'basic', clientId: 'app:one', secret: 'p%a:s+s w/ö' });
    expect(parseAuthorization(`Basic ${b64('app:a+b%2Bc')}`)).toMatchObject({ secret: 'a b+c' });
  });

  it('keeps values that a form encoder could not have produced as sent (Keycloak BasicAuthHelperTest)', () => {
    expect(parseAuthorization(`Basic ${b64('my-client:#NdhMw3!?:R+7_8{EsKU44W(')}`)).toMatchObject({ secret: '#NdhMw3!?:R+7_8{EsKU44W(' });
    expect(parseAuthorization(`Basic ${b64('my-client:abc%def')}`)).toMatchObject({ secret: 'abc%def' });
    expect(parseAuthorization(`Basic ${b64('my-client:100%')}`)).toMatchObject({ secret: '100%' });
    expect(decodeCredentialPart("p@ssw0rd!#$%^&*()_+-=[]{}|;':\",./<>?")).toBe("p@ssw0rd!#$%^&*()_+-=[]{}|;':\",./<>?");
    expect(decodeCredentialPart('%C3%B6%E2%82%AC')).toBe('ö€');
    expect(decodeCredentialPart('%FF%FE')).toBe('%FF%FE');
  });

  it('takes the scheme case-insensitively, and an empty secret as empty', () => {
    expect(parseAuthorization(`bAsIc ${b64('app:')}`)).toEqual({ kind: 'basic', clientId: 'app', secret: '' });
  });

  it.each([
    ['no credentials after the scheme', 'Basic'],
    ['only a space', 'Basic '],
    ['not base64', 'Basic ***'],
    ['base64 of the wrong length', 'Basic abcde'],
    ['no colon', `Basic ${b64('just-an-id')}`],
    ['empty client id', `Basic ${b64(':secret')}`],
    ['not UTF-8', `Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`],
    ['junk after the token', `Basic ${b64('a:b')} extra`],
  ])('is malformed with %s', (_name, header) => {
    expect(parseAuthorization(header)).toEqual({ kind: 'malformed' });
  });

  it('leaves other schemes alone', () => {
    expect(parseAuthorization('Bearer abc')).toEqual({ kind: 'other-scheme' });
    expect(parseAuthorization('Basically abc')).toEqual({ kind: 'other-scheme' });
  });
});

describe('one authentication method per request (RFC 6749 §2.3)', () => {
  const basic = `Basic ${b64('app:secret')}`;

  it('classifies each method', () => {
    expect(presentedCredentials(basic, form())).toEqual({ kind: 'basic', clientId: 'app', secret: 'secret' });
    expect(presentedCredentials(undefined, form({ client_id: 'app', client_secret: 's' }))).toEqual({ kind: 'post', clientId: 'app', secret: 's' });
    expect(presentedCredentials(undefined, form({ client_assertion_type: 'x', client_assertion: 'y' }))).toEqual({ kind: 'assertion' });
    expect(presentedCredentials(undefined, form({ client_id: 'spa' }))).toEqual({ kind: 'client_id', clientId: 'spa' });
  });

  it('accepts a client_id parameter beside Basic only when it names the same client', () => {
    expect(presentedCredentials(basic, form({ client_id: 'app' }))).toMatchObject({ kind: 'basic', clientId: 'app' });
    expect(() => presentedCredentials(basic, form({ client_id: 'other' }))).toThrow(InvalidRequest);
  });

  it.each([
    ['Basic and client_secret', basic, { client_id: 'app', client_secret: 'secret' }],
    ['Basic and a client assertion', basic, { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'a.b.c' }],
    ['Basic and a lone client_assertion_type', basic, { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' }],
    ['client_secret and a client assertion', undefined, { client_id: 'app', client_secret: 's', client_assertion: 'a.b.c' }],
  ])('refuses %s with invalid_request', (_name, authorization, params) => {
    const attempt = () => presentedCredentials(authorization, form(params));
    expect(attempt).toThrow(InvalidRequest);
    expect(attempt).toThrow('More than one client authentication method in the request');
  });

  it('answers a malformed Basic header with 401 invalid_client and a Basic challenge, whatever else is sent', () => {
    const error = catchError(() => presentedCredentials('Basic !!!', form({ client_id: 'app' })));
    expect(error).toBeInstanceOf(InvalidClient);
    expect(error).toMatchObject({ statusCode: 401, description: 'Invalid client or Invalid client credentials' });
    expect((error as InvalidClient).headers()['www-authenticate']).toMatch(/^Basic /);
  });

  it('answers no credentials with invalid_client, challenging for Basic only when a header was sent', () => {
    const bare = catchError(() => presentedCredentials(undefined, form({ client_secret: 'orphan' })));
    expect(bare).toBeInstanceOf(InvalidClient);
    expect((bare as InvalidClient).headers()['www-authenticate']).toBeUndefined();
    const negotiate = catchError(() => presentedCredentials('Negotiate abc', form()));
    expect((negotiate as InvalidClient).headers()['www-authenticate']).toMatch(/^Basic /);
  });

  it('ignores a non-Basic Authorization header when client_id is sent (Keycloak: browsers may add Negotiate)', () => {
    expect(presentedCredentials('Negotiate abc', form({ client_id: 'spa' }))).toEqual({ kind: 'client_id', clientId: 'spa' });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
