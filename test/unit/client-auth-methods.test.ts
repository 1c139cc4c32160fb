import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { authenticateClient, type AuthenticateClientInput } from '../../shared/oidc/client-auth/authenticate-client.js';
import { authenticatorIdOf } from '../../shared/oidc/client-auth/authenticator-type.js';
import { InvalidClient, InvalidRequest } from '../../shared/oidc/errors/codes.js';
import type { ClientRepresentation } from '../../shared/model/client.js';
import { clientRecord, type ClientConfig } from '../../shared/store/clients.js';
import type { Store } from '../../shared/store/store.js';

const ISSUER = 'https://id.example.com/realms/acme';
const TOKEN_URL = `${ISSUER}/protocol/openid-connect/token`;
const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const GENERIC = 'Invalid client or Invalid client credentials';

/** Every path below must refuse before a jti is recorded; touching the store fails the test. */
const untouchableStore = new Proxy({}, {
  get() {
    throw new Error('the store must not be touched by a refused request');
  },
}) as Store;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig' });

function config(rep: ClientRepresentation): ClientConfig {
  return { client: clientRecord('realm-1', { ...rep, id: `uuid-${rep.clientId}` }), roles: [], defaultScopeIds: [], optionalScopeIds: [], roleScopes: [] };
}

const clients = new Map(
  [
    config({ clientId: 'backend', secret: 'backend-secret', clientAuthenticatorType: 'client-secret' }),
    config({ clientId: 'no-type', secret: 'no-type-secret' }),
    config({ clientId: 'no-secret', clientAuthenticatorType: 'client-secret' }),
    config({ clientId: 'spa', publicClient: true, secret: 'ignored', clientAuthenticatorType: 'client-jwt' }),
    config({ clientId: 'disabled', enabled: false, secret: 'disabled-secret' }),
    config({ clientId: 'api', bearerOnly: true, secret: 'api-secret' }),
    config({ clientId: 'saml-sp', protocol: 'saml', secret: 'saml-secret' }),
    config({ clientId: 'mtls', clientAuthenticatorType: 'client-x509', secret: 'mtls-secret' }),
    config({
      clientId: 'jwt-client',
      clientAuthenticatorType: 'client-jwt',
      secret: 'unused-secret',
      attributes: { 'use.jwks.string': 'true', 'jwks.string': JSON.stringify({ keys: [jwk(rsa.publicKey, 'k1')] }) },
    }),
    config({ clientId: 'jwt-no-keys', clientAuthenticatorType: 'client-jwt' }),
    config({
      clientId: 'jwt-es256-only',
      clientAuthenticatorType: 'client-jwt',
      attributes: { 'token.endpoint.auth.signing.alg': 'ES256', 'use.jwks.string': 'true', 'jwks.string': JSON.stringify({ keys: [jwk(rsa.publicKey, 'k1')] }) },
    }),
    config({ clientId: 'hmac-client', clientAuthenticatorType: 'client-secret-jwt', secret: 'a-long-enough-shared-secret-for-hs256!' }),
  ].map((c) => [c.client.rep.clientId, c]),
);
const loaded: string[] = [];
const loadClient = async (clientId: string) => {
  loaded.push(clientId);
  return clients.get(clientId);
};

function request(overrides: Partial<AuthenticateClientInput> & { params?: Record<string, string> } = {}): AuthenticateClientInput {
  const { params = {}, ...rest } = overrides;
  return { realmId: 'realm-1', issuer: ISSUER, endpointUrl: TOKEN_URL, form: new Map(Object.entries(params)), loadClient, store: untouchableStore, ...rest };
}
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function refusal(input: AuthenticateClientInput): Promise<InvalidClient | InvalidRequest> {
  const error = await authenticateClient(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InvalidClient || error instanceof InvalidRequest)) throw new Error(`expected an OAuth error, got ${String(error)}`);
  return error;
}

describe('client_secret_basic and client_secret_post (RFC 6749 §2.3.1)', () => {
  it('authenticates a confidential client by Basic header or by form', async () => {
    expect(await authenticateClient(request({ authorization: basic('backend', 'backend-secret') }))).toMatchObject({
      method: 'client_secret_basic',
      client: { client: { rep: { clientId: 'backend' } } },
    });
    const post = await authenticateClient(request({ params: { client_id: 'backend', client_secret: 'backend-secret' } }));
    expect(post.method).toBe('client_secret_post');
    expect((await authenticateClient(request({ params: { client_id: 'no-type', client_secret: 'no-type-secret' } }))).method).toBe('client_secret_post');
  });

  it('refuses a wrong secret with 401, challenging for Basic only when Basic was used', async () => {
    const viaHeader = await refusal(request({ authorization: basic('backend', 'wrong') }));
    expect(viaHeader).toMatchObject({ error: 'invalid_client', statusCode: 401, description: GENERIC });
    expect(viaHeader.headers()['www-authenticate']).toMatch(/^Basic /);
    const viaForm = await refusal(request({ params: { client_id: 'backend', client_secret: 'wrong' } }));
    expect(viaForm).toMatchObject({ error: 'invalid_client', statusCode: 401, description: GENERIC });
    expect(viaForm.headers()['www-authenticate']).toBeUndefined();
  });

  it.each([
    ['a missing secret', { params: { client_id: 'backend' } }],
    ['a client without a secret', { params: { client_id: 'no-secret', client_secret: 'x' } }],
    ['an unknown client', { params: { client_id: 'nobody', client_secret: 'x' } }],
    ['a client id of another case', { params: { client_id: 'Backend', client_secret: 'backend-secret' } }],
    ['a disabled client with its right secret', { params: { client_id: 'disabled', client_secret: 'disabled-secret' } }],
    ['a mutual-TLS client', { params: { client_id: 'mtls', client_secret: 'mtls-secret' } }],
    ['nothing at all', {}],
  ])('answers %s with the same invalid_client text', async (_name, input) => {
    expect(await refusal(request(input))).toMatchObject({ error: 'invalid_client', statusCode: 401, description: GENERIC });
  });

  it('never looks up an absurdly long client id', async () => {
    loaded.length = 0;
    await refusal(request({ params: { client_id: 'x'.repeat(300), client_secret: 's' } }));
    expect(loaded).toEqual([]);
  });

  it('tells a client set up for signed JWTs that it sent none (Keycloak’s answer)', async () => {
    const error = await refusal(request({ authorization: basic('jwt-client', 'unused-secret') }));
    expect(error).toMatchObject({ error: 'invalid_client', description: 'Parameter client_assertion_type is missing' });
  });

  it('refuses two methods in one request with invalid_request', async () => {
    const error = await refusal(request({ authorization: basic('backend', 'backend-secret'), params: { client_secret: 'backend-secret' } }));
    expect(error).toBeInstanceOf(InvalidRequest);
    expect(error).toMatchObject({ error: 'invalid_request', statusCode: 400 });
  });
});

describe('public, bearer-only and non-OIDC clients', () => {
  it('identifies a public client by client_id alone and ignores a secret it sends', async () => {
    expect(await authenticateClient(request({ params: { client_id: 'spa' } }))).toMatchObject({ method: 'none' });
    expect(await authenticateClient(request({ params: { client_id: 'spa', client_secret: 'anything' } }))).toMatchObject({ method: 'none' });
    expect(await authenticateClient(request({ authorization: basic('spa', '') }))).toMatchObject({ method: 'none' });
  });

  it('refuses a bearer-only client unless the endpoint allows it (introspection)', async () => {
    const input = request({ params: { client_id: 'api', client_secret: 'api-secret' } });
    expect(await refusal(input)).toMatchObject({ error: 'invalid_client', description: 'Bearer-only not allowed' });
    expect(await authenticateClient({ ...input, allowBearerOnly: true })).toMatchObject({ method: 'client_secret_post' });
    await expect(authenticateClient({ ...input, form: new Map([['client_id', 'api'], ['client_secret', 'wrong']]), allowBearerOnly: true })).rejects.toThrow(GENERIC);
  });

  it('refuses a SAML client at an OIDC endpoint', async () => {
    expect(await refusal(request({ params: { client_id: 'saml-sp', client_secret: 'saml-secret' } }))).toMatchObject({ description: 'Wrong client protocol.' });
  });
});

describe('client assertions refused before their jti is recorded (RFC 7523 §3)', () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = (clientId: string) => ({ iss: clientId, sub: clientId, aud: ISSUER, jti: crypto.randomUUID(), iat: now, exp: now + 30 });
  const sign = (payload: Record<string, unknown>, key: KeyObject | Uint8Array, alg = 'RS256', kid: string | undefined = 'k1') =>
    new SignJWT(payload).setProtectedHeader({ alg, ...(kid ? { kid } : {}) }).sign(key);
  const withAssertion = (assertion: string, extra: Record<string, string> = {}) =>
    request({ params: { client_assertion_type: TYPE, client_assertion: assertion, ...extra } });
  const signedFailure = (reason: string) => `Client authentication with signed JWT failed: ${reason}`;

  it.each([
    ['signed by another key', async () => sign(claims('jwt-client'), otherRsa.privateKey), signedFailure('Signature on JWT token failed validation')],
    ['with alg none', async () => new UnsecuredJWT(claims('jwt-client')).encode(), signedFailure('Invalid signature algorithm')],
    [
      'HMAC-signed with the public key as the secret (algorithm confusion)',
      async () => sign(claims('jwt-client'), new TextEncoder().encode(rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string), 'HS256'),
      signedFailure('Invalid signature algorithm'),
    ],
    ['for another audience', async () => sign({ ...claims('jwt-client'), aud: 'https://id.example.com/realms/other' }, rsa.privateKey), signedFailure('Invalid token audience')],
    ['for two audiences', async () => sign({ ...claims('jwt-client'), aud: [ISSUER, 'https://rp.example'] }, rsa.privateKey), signedFailure('Multiple audiences not allowed')],
    ['without exp', async () => sign({ ...claims('jwt-client'), exp: undefined }, rsa.privateKey), signedFailure('Token exp claim is required')],
    ['expired', async () => sign({ ...claims('jwt-client'), iat: now - 120, exp: now - 60 }, rsa.privateKey), signedFailure('Token is not active')],
    ['without jti', async () => sign({ ...claims('jwt-client'), jti: undefined }, rsa.privateKey), signedFailure('Token jti claim is required')],
    ['with iss other than sub', async () => sign({ ...claims('jwt-client'), iss: 'evil' }, rsa.privateKey), signedFailure('Issuer mismatch. The issuer should match the subject')],
    ['without sub', async () => sign({ ...claims('jwt-client'), sub: undefined }, rsa.privateKey), signedFailure('Token sub claim is required')],
    ['with a kid the client does not have', async () => sign(claims('jwt-client'), rsa.privateKey, 'RS256', 'unknown'), 'Unable to load public key'],
    ['for a client without keys', async () => sign(claims('jwt-no-keys'), rsa.privateKey), 'Unable to load public key'],
    ['in an algorithm the client excludes', async () => sign(claims('jwt-es256-only'), rsa.privateKey), signedFailure('Invalid signature algorithm')],
    ['for an unknown client', async () => sign(claims('nobody'), rsa.privateKey), GENERIC],
    ['for a client-secret client', async () => sign(claims('backend'), new TextEncoder().encode('backend-secret'), 'HS256'), GENERIC],
    ['for a public client', async () => sign(claims('spa'), rsa.privateKey), GENERIC],
    [
      'by client_secret_jwt with a wrong secret',
      async () => sign(claims('hmac-client'), new TextEncoder().encode('not-the-secret'), 'HS256'),
      'Client authentication with client secret signed JWT failed: Signature on JWT token by client secret failed validation',
    ],
    [
      'by client_secret_jwt signed with a private key',
      async () => sign(claims('hmac-client'), rsa.privateKey),
      'Client authentication with client secret signed JWT failed: Invalid signature algorithm',
    ],
    ['that is not a JWS', async () => 'not-a-jwt', signedFailure('Malformed client assertion')],
  ])('refuses an assertion %s', async (_name, make, description) => {
    const error = await refusal(withAssertion(await make()));
    expect(error).toMatchObject({ error: 'invalid_client', statusCode: 401, description });
    expect(error.headers()['www-authenticate']).toBeUndefined();
  });

  it('refuses a client_id parameter naming another client than sub', async () => {
    const error = await refusal(withAssertion(await sign(claims('jwt-client'), rsa.privateKey), { client_id: 'backend' }));
    expect(error).toMatchObject({ description: signedFailure('client_id parameter does not match sub claim') });
  });
});

describe("Keycloak's client_auth_method event detail", () => {
  it('names the authenticator that accepted the method (ClientAuthenticationFlow: the factory id)', () => {
    expect(authenticatorIdOf('client_secret_basic')).toBe('client-secret');
    expect(authenticatorIdOf('client_secret_post')).toBe('client-secret');
    expect(authenticatorIdOf('none')).toBe('client-secret');
    expect(authenticatorIdOf('client_secret_jwt')).toBe('client-secret-jwt');
    expect(authenticatorIdOf('private_key_jwt')).toBe('client-jwt');
  });
});
