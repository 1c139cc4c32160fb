import { describe, expect, it } from 'vitest';
import { InvalidClient } from '../../shared/oidc/errors/codes.js';
import { audienceProblem, expectedAudiences } from '../../shared/oidc/client-auth/assertion-audience.js';
import { assertionLifetime, maxAssertionLifetime } from '../../shared/oidc/client-auth/assertion-lifetime.js';
import { assertionFromForm } from '../../shared/oidc/client-auth/assertion-params.js';
import { assertionSubject } from '../../shared/oidc/client-auth/assertion-subject.js';
import { decodeAssertion } from '../../shared/oidc/client-auth/assertion-token.js';
import { expectedAuthenticator } from '../../shared/oidc/client-auth/authenticator-type.js';
import { algorithmProblem, allowedAlgorithms } from '../../shared/oidc/client-auth/signing-algorithm.js';

const ISSUER = 'https://id.example.com/realms/acme';
const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const NOW = 1_900_000_000;

describe('client assertion parameters (RFC 7523 §2.2)', () => {
  it('returns the assertion when the type is jwt-bearer', () => {
    expect(assertionFromForm(new Map([['client_assertion_type', TYPE], ['client_assertion', 'a.b.c']]))).toBe('a.b.c');
  });

  it.each([
    [{ client_assertion: 'a.b.c' }, 'Parameter client_assertion_type is missing'],
    [{ client_assertion_type: 'urn:x', client_assertion: 'a.b.c' }, `Parameter client_assertion_type has value 'urn:x' but expected is '${TYPE}'`],
    [{ client_assertion_type: TYPE }, 'client_assertion parameter missing'],
  ])('refuses %o with Keycloak’s text', (params, text) => {
    expect(() => assertionFromForm(new Map(Object.entries(params)))).toThrow(InvalidClient);
    expect(() => assertionFromForm(new Map(Object.entries(params)))).toThrow(text);
  });
});

describe('decoding an assertion before verification', () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it('reads alg and claims of a compact JWS', () => {
    expect(decodeAssertion(`${part({ alg: 'RS256' })}.${part({ sub: 'c' })}.sig`)).toEqual({ alg: 'RS256', claims: { sub: 'c' } });
  });
  it.each(['', 'a.b', 'a.b.c.d.e', `${part({ alg: 'RS256' })}.${part([1])}.sig`, `${part({ alg: 'RS256' })}.not-json.sig`])('refuses %j', (value) => {
    expect(decodeAssertion(value)).toBeUndefined();
  });
});

describe('assertion subject (RFC 7523 §3 rules 1–2, RFC 7521 §4.2)', () => {
  it('names the client when iss = sub (= client_id when sent)', () => {
    expect(assertionSubject({ iss: 'app', sub: 'app' }, undefined)).toEqual({ clientId: 'app' });
    expect(assertionSubject({ iss: 'app', sub: 'app' }, 'app')).toEqual({ clientId: 'app' });
  });
  it.each([
    [{ iss: 'app' }, undefined, 'Token sub claim is required'],
    [{ iss: 'app', sub: 42 }, undefined, 'Token sub claim is required'],
    [{ iss: 'app', sub: 'app' }, 'other', 'client_id parameter does not match sub claim'],
    [{ iss: 'someone-else', sub: 'app' }, undefined, 'Issuer mismatch. The issuer should match the subject'],
    [{ sub: 'app' }, undefined, 'Issuer mismatch. The issuer should match the subject'],
  ])('refuses %o (client_id %s)', (claims, clientId, reason) => {
    expect(assertionSubject(claims, clientId)).toEqual({ reason });
  });
});

describe('assertion audience (RFC 7523 §3 rule 3, Keycloak JWTClientValidator)', () => {
  const expected = expectedAudiences(ISSUER, `${ISSUER}/protocol/openid-connect/revoke`);
  it.each([
    ISSUER,
    `${ISSUER}/protocol/openid-connect/token`,
    `${ISSUER}/protocol/openid-connect/token/introspect`,
    `${ISSUER}/protocol/openid-connect/ext/par/request`,
    `${ISSUER}/protocol/openid-connect/ext/ciba/auth`,
    `${ISSUER}/protocol/openid-connect/revoke`,
  ])('accepts %s, as a string or a one-element array', (aud) => {
    expect(audienceProblem(aud, expected)).toBeUndefined();
    expect(audienceProblem([aud], expected)).toBeUndefined();
  });
  it('refuses another realm, a missing aud, and a second audience', () => {
    expect(audienceProblem('https://id.example.com/realms/other', expected)).toBe('Invalid token audience');
    expect(audienceProblem(`${ISSUER}/`, expected)).toBe('Invalid token audience');
    expect(audienceProblem(undefined, expected)).toBe('Invalid token audience');
    expect(audienceProblem([42], expected)).toBe('Invalid token audience');
    expect(audienceProblem([ISSUER, 'https://elsewhere.example'], expected)).toBe('Multiple audiences not allowed');
  });
});

describe('assertion lifetime (RFC 7523 §3 rules 4–5, Keycloak AbstractBaseJWTValidator)', () => {
  const life = (claims: Record<string, unknown>, max = 60) => assertionLifetime(claims, NOW, max);

  it('reads the client’s max lifetime attribute, 60 s by default', () => {
    expect(maxAssertionLifetime(undefined)).toBe(60);
    expect(maxAssertionLifetime({ 'token.endpoint.auth.signing.max.exp': '300' })).toBe(300);
    expect(maxAssertionLifetime({ 'token.endpoint.auth.signing.max.exp': '-5' })).toBe(60);
    expect(maxAssertionLifetime({ 'token.endpoint.auth.signing.max.exp': 'soon' })).toBe(60);
  });

  it('requires exp', () => {
    expect(life({ iat: NOW })).toEqual({ reason: 'Token exp claim is required' });
    expect(life({ exp: String(NOW + 30) })).toEqual({ reason: 'Token exp claim is required' });
  });

  it('accepts an expired assertion only within 15 s of clock skew when iat is absent', () => {
    expect(life({ exp: NOW - 15 })).toEqual({ acceptedUntil: NOW });
    expect(life({ exp: NOW - 16 })).toEqual({ reason: 'Token is not active' });
  });

  it('refuses an assertion that is not yet valid (nbf beyond the skew)', () => {
    expect(life({ exp: NOW + 30, nbf: NOW + 16 })).toEqual({ reason: 'Token is not active' });
    expect(life({ exp: NOW + 30, nbf: NOW + 15 })).toEqual({ acceptedUntil: NOW + 45 });
  });

  it('without iat, refuses exp more than the max lifetime ahead', () => {
    expect(life({ exp: NOW + 60 })).toEqual({ acceptedUntil: NOW + 75 });
    expect(life({ exp: NOW + 61 })).toEqual({ reason: 'Token expiration is too far in the future and iat claim not present in token' });
    expect(life({ exp: NOW + 300 }, 300)).toEqual({ acceptedUntil: NOW + 315 });
  });

  it('with iat, bounds use to iat + max lifetime and refuses iat in the future', () => {
    expect(life({ iat: NOW - 10, exp: NOW + 3600 })).toEqual({ acceptedUntil: NOW + 50 });
    expect(life({ iat: NOW, exp: NOW + 30 })).toEqual({ acceptedUntil: NOW + 29 });
    expect(life({ iat: NOW - 61, exp: NOW + 3600 })).toEqual({ reason: 'Token was issued too far in the past to be used now' });
    expect(life({ iat: NOW + 15, exp: NOW + 60 })).toEqual({ acceptedUntil: NOW + 59 });
    expect(life({ iat: NOW + 16, exp: NOW + 60 })).toEqual({ reason: 'Token was issued in the future' });
    expect(life({ iat: NOW - 30, exp: NOW })).toEqual({ reason: 'Token is not active' });
  });

  it('refuses non-numeric iat or nbf', () => {
    expect(life({ exp: NOW + 30, iat: 'now' })).toEqual({ reason: 'Malformed client assertion' });
    expect(life({ exp: NOW + 30, nbf: null })).toEqual({ reason: 'Malformed client assertion' });
  });
});

describe('which method a client may use (Keycloak ClientAuthenticationFlow)', () => {
  it('follows clientAuthenticatorType, client-secret by default and always for public clients', () => {
    expect(expectedAuthenticator({ clientId: 'a' })).toBe('client-secret');
    expect(expectedAuthenticator({ clientId: 'a', clientAuthenticatorType: 'client-jwt' })).toBe('client-jwt');
    expect(expectedAuthenticator({ clientId: 'a', clientAuthenticatorType: 'client-secret-jwt' })).toBe('client-secret-jwt');
    expect(expectedAuthenticator({ clientId: 'a', publicClient: true, clientAuthenticatorType: 'client-jwt' })).toBe('client-secret');
  });
});

describe('assertion signature algorithms (OIDC Core §9, RFC 8725 §3.1)', () => {
  it('allows asymmetric algorithms for private_key_jwt and HMAC for client_secret_jwt, never none', () => {
    const rsa = allowedAlgorithms('private_key_jwt', { clientId: 'a' });
    const hmac = allowedAlgorithms('client_secret_jwt', { clientId: 'a' });
    expect(algorithmProblem('RS256', rsa)).toBeUndefined();
    expect(algorithmProblem('ES384', rsa)).toBeUndefined();
    expect(algorithmProblem('HS256', rsa)).toBe('Invalid signature algorithm');
    expect(algorithmProblem('HS512', hmac)).toBeUndefined();
    expect(algorithmProblem('RS256', hmac)).toBe('Invalid signature algorithm');
    for (const allowed of [rsa, hmac]) {
      expect(algorithmProblem('none', allowed)).toBe('Invalid signature algorithm');
      expect(algorithmProblem(undefined, allowed)).toBe('Invalid signature algorithm');
    }
  });

  it('narrows to token.endpoint.auth.signing.alg when the client sets it', () => {
    const attributes = { 'token.endpoint.auth.signing.alg': 'ES256' };
    expect(allowedAlgorithms('private_key_jwt', { clientId: 'a', attributes })).toEqual(['ES256']);
    expect(allowedAlgorithms('client_secret_jwt', { clientId: 'a', attributes })).toEqual([]);
  });
});
