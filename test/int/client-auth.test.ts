import { createHash, createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimAssertionJti } from '../../shared/oidc/client-auth/assertion-replay.js';
import { authenticateClient, type AuthenticateClientInput } from '../../shared/oidc/client-auth/authenticate-client.js';
import type { ClientRepresentation } from '../../shared/model/client.js';
import { clientRecord, type ClientConfig } from '../../shared/store/clients.js';
import { assertionJtiKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { freshTable } from '../support/tables.js';

const REALM_ID = 'realm-ca';
const ISSUER = 'http://localhost:8080/realms/acme';
const TOKEN_URL = `${ISSUER}/protocol/openid-connect/token`;
const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const HMAC_SECRET = 'hmac-client-secret-that-is-long-enough-for-hs512-0123456789abcdef';

// A throwaway self-signed P-256 certificate and its key (openssl req -x509 -newkey ec), test fixture only.
const CERT_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBsZ0GcwUCFCrOnpo
ItxCksJ9mG518a3LLsSBLDbMX6mhRANCAASg7ezHSgvKbj6pNHu1fOOV77ZbBkeG
r/S6M2KNjzulYYvIhSVHikQMD8Z5ubIOZRRDm5BfSyC37UgKw9sTHA0c
-----END PRIVATE KEY-----`;
const CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBlzCCAT2gAwIBAgIUUxflxEg3U2uMUOwACWtQtdGYAmowCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVZ2F0ZWhvdXNlLXRlc3QtY2xpZW50MCAXDTI2MTEyMjE1MDEw
OVoYDzIxMjYxMDI5MTUwMTA5WjAgMR4wHAYDVQQDDBVnYXRlaG91c2UtdGVzdC1j
bGllbnQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASg7ezHSgvKbj6pNHu1fOOV
77ZbBkeGr/S6M2KNjzulYYvIhSVHikQMD8Z5ubIOZRRDm5BfSyC37UgKw9sTHA0c
o1MwUTAdBgNVHQ4EFgQUUfz7ruGDoxgscxZZhh2P9++WRmQwHwYDVR0jBBgwFoAU
Ufz7ruGDoxgscxZZhh2P9++WRmQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
AgNIADBFAiBRGOBRxrudvyjl19eogvOTIa7gRP6o2XXpFQy6/FuEEAIhAIycr8vM
uCk6tj92j7z9Z5+KVPsxPdhYFENIH9MBOZwJ
-----END CERTIFICATE-----`;
const certBody = CERT_PEM.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const remoteKey = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid });

let store: Store;
let jwksServer: Server;
let jwksRequests = 0;
const clients = new Map<string, ClientConfig>();

function addClient(rep: ClientRepresentation): void {
  clients.set(rep.clientId, { client: clientRecord(REALM_ID, { ...rep, id: randomUUID() }), roles: [], defaultScopeIds: [], optionalScopeIds: [], roleScopes: [] });
}

beforeAll(async () => {
  ({ store } = await freshTable());
  jwksServer = createServer((req, res) => {
    jwksRequests++;
    res.writeHead(req.url === '/jwks' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [{ ...jwk(remoteKey.publicKey, 'remote-1'), use: 'sig' }, { ...jwk(rsa.publicKey, 'enc-1'), use: 'enc' }] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const { port } = jwksServer.address() as AddressInfo;

  const jwksString = JSON.stringify({ keys: [jwk(rsa.publicKey, 'rsa-1'), jwk(ec.publicKey, 'ec-1')] });
  addClient({ clientId: 'jwks-client', clientAuthenticatorType: 'client-jwt', attributes: { 'use.jwks.string': 'true', 'jwks.string': jwksString } });
  addClient({
    clientId: 'kidless-client',
    clientAuthenticatorType: 'client-jwt',
    attributes: { 'use.jwks.string': 'true', 'jwks.string': JSON.stringify({ keys: [otherRsa.publicKey.export({ format: 'jwk' }), rsa.publicKey.export({ format: 'jwk' })] }) },
  });
  addClient({ clientId: 'cert-client', clientAuthenticatorType: 'client-jwt', attributes: { 'jwt.credential.certificate': certBody } });
  addClient({ clientId: 'pem-client', clientAuthenticatorType: 'client-jwt', attributes: { 'jwt.credential.certificate': CERT_PEM } });
  addClient({
    clientId: 'pubkey-client',
    clientAuthenticatorType: 'client-jwt',
    attributes: { 'jwt.credential.public.key': ed.publicKey.export({ format: 'pem', type: 'spki' }) as string },
  });
  addClient({ clientId: 'url-client', clientAuthenticatorType: 'client-jwt', attributes: { 'use.jwks.url': 'true', 'jwks.url': `http://127.0.0.1:${port}/jwks` } });
  addClient({ clientId: 'dead-url-client', clientAuthenticatorType: 'client-jwt', attributes: { 'use.jwks.url': 'true', 'jwks.url': `http://127.0.0.1:${port}/gone` } });
  addClient({ clientId: 'hmac-client', clientAuthenticatorType: 'client-secret-jwt', secret: HMAC_SECRET });
  addClient({ clientId: 'twin-a', clientAuthenticatorType: 'client-jwt', attributes: { 'use.jwks.string': 'true', 'jwks.string': jwksString } });
  addClient({ clientId: 'twin-b', clientAuthenticatorType: 'client-jwt', attributes: { 'use.jwks.string': 'true', 'jwks.string': jwksString } });
});

afterAll(async () => {
  await new Promise((resolve) => jwksServer?.close(resolve));
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function assertion(clientId: string, key: KeyObject | Uint8Array, alg: string, kid?: string, claims: Record<string, unknown> = {}): Promise<string> {
  const now = nowSeconds();
  return new SignJWT({ iss: clientId, sub: clientId, aud: ISSUER, jti: randomUUID(), iat: now, exp: now + 30, ...claims })
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .sign(key);
}

function request(clientAssertion: string, overrides: Partial<AuthenticateClientInput> = {}): AuthenticateClientInput {
  return {
    realmId: REALM_ID,
    issuer: ISSUER,
    endpointUrl: TOKEN_URL,
    form: new Map([
      ['client_assertion_type', TYPE],
      ['client_assertion', clientAssertion],
    ]),
    loadClient: async (clientId) => clients.get(clientId),
    store,
    ...overrides,
  };
}

describe('private_key_jwt (RFC 7523 §2.2, OIDC Core §9)', () => {
  it.each([
    ['RS256 from jwks.string', 'jwks-client', () => rsa.privateKey, 'RS256', 'rsa-1'],
    ['PS384 from jwks.string', 'jwks-client', () => rsa.privateKey, 'PS384', 'rsa-1'],
    ['ES256 from jwks.string', 'jwks-client', () => ec.privateKey, 'ES256', 'ec-1'],
    ['ES256 from a bare base64 certificate', 'cert-client', () => createPrivateKey(CERT_KEY_PEM), 'ES256', undefined],
    ['ES256 from a PEM certificate', 'pem-client', () => createPrivateKey(CERT_KEY_PEM), 'ES256', undefined],
    ['RS256 without kid, trying each RSA key of the set', 'kidless-client', () => rsa.privateKey, 'RS256', undefined],
    ['EdDSA from a public key attribute', 'pubkey-client', () => ed.privateKey, 'EdDSA', undefined],
  ])('accepts %s', async (_name, clientId, key, alg, kid) => {
    const result = await authenticateClient(request(await assertion(clientId, key(), alg, kid)));
    expect(result.method).toBe('private_key_jwt');
    expect(result.client.client.rep.clientId).toBe(clientId);
  });

  it('accepts the token endpoint URL or the URL the request went to as audience', async () => {
    const revoke = `${ISSUER}/protocol/openid-connect/revoke`;
    await expect(authenticateClient(request(await assertion('jwks-client', rsa.privateKey, 'RS256', 'rsa-1', { aud: TOKEN_URL })))).resolves.toMatchObject({ method: 'private_key_jwt' });
    await expect(
      authenticateClient(request(await assertion('jwks-client', rsa.privateKey, 'RS256', 'rsa-1', { aud: [revoke] }), { endpointUrl: revoke })),
    ).resolves.toMatchObject({ method: 'private_key_jwt' });
  });

  it('fetches keys from jwks.url (signing keys only) and caches them per URL', async () => {
    const before = jwksRequests;
    for (let i = 0; i < 3; i++) {
      const result = await authenticateClient(request(await assertion('url-client', remoteKey.privateKey, 'ES384', 'remote-1')));
      expect(result.method).toBe('private_key_jwt');
    }
    expect(jwksRequests - before).toBe(1);
    // The RSA key is published for encryption only: not usable to sign assertions.
    await expect(authenticateClient(request(await assertion('url-client', rsa.privateKey, 'RS256', 'enc-1')))).rejects.toMatchObject({
      description: 'Unable to load public key',
    });
  });

  it('answers "Unable to load public key" when jwks.url does not serve a key set', async () => {
    await expect(authenticateClient(request(await assertion('dead-url-client', remoteKey.privateKey, 'ES384', 'remote-1')))).rejects.toMatchObject({
      error: 'invalid_client',
      description: 'Unable to load public key',
    });
  });
});

describe('client_secret_jwt (OIDC Core §9)', () => {
  it.each(['HS256', 'HS384', 'HS512'])('accepts an assertion signed %s with the client secret', async (alg) => {
    const result = await authenticateClient(request(await assertion('hmac-client', new TextEncoder().encode(HMAC_SECRET), alg)));
    expect(result).toMatchObject({ method: 'client_secret_jwt', client: { client: { rep: { clientId: 'hmac-client' } } } });
  });
});

describe('single use of client assertions (RFC 7523 §3, jti on DynamoDB Local)', () => {
  it('refuses the same assertion the second time', async () => {
    const once = await assertion('jwks-client', rsa.privateKey, 'RS256', 'rsa-1');
    await expect(authenticateClient(request(once))).resolves.toMatchObject({ method: 'private_key_jwt' });
    await expect(authenticateClient(request(once))).rejects.toMatchObject({
      error: 'invalid_client',
      statusCode: 401,
      description: 'Client authentication with signed JWT failed: Token reuse detected',
    });
  });

  it('lets exactly one of 10 concurrent uses of one assertion through', async () => {
    const once = await assertion('hmac-client', new TextEncoder().encode(HMAC_SECRET), 'HS256');
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => authenticateClient(request(once))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.reason).toMatchObject({ description: 'Client authentication with client secret signed JWT failed: Token reuse detected' });
  });

  it('does not burn the jti of a refused assertion', async () => {
    const jti = randomUUID();
    await expect(authenticateClient(request(await assertion('jwks-client', rsa.privateKey, 'RS256', 'rsa-1', { jti, aud: 'https://elsewhere.example' })))).rejects.toMatchObject({
      description: 'Client authentication with signed JWT failed: Invalid token audience',
    });
    await expect(authenticateClient(request(await assertion('jwks-client', rsa.privateKey, 'RS256', 'rsa-1', { jti })))).resolves.toMatchObject({ method: 'private_key_jwt' });
  });

  it('keeps jti values per client', async () => {
    const jti = randomUUID();
    await expect(authenticateClient(request(await assertion('twin-a', rsa.privateKey, 'RS256', 'rsa-1', { jti })))).resolves.toBeDefined();
    await expect(authenticateClient(request(await assertion('twin-b', rsa.privateKey, 'RS256', 'rsa-1', { jti })))).resolves.toBeDefined();
  });

  it('remembers a jti until the assertion could no longer be accepted (TTL on expiresAt)', async () => {
    const jti = randomUUID();
    const now = nowSeconds();
    await authenticateClient(request(await assertion('jwks-client', rsa.privateKey, 'RS256', 'rsa-1', { jti, iat: now, exp: now + 3600 })));
    const digest = createHash('sha256').update(jti).digest('base64url');
    const item = await store.get(assertionJtiKey(REALM_ID, 'jwks-client', digest), { consistent: true });
    // iat + 60 s (the default max lifetime) is the last second it is accepted: not the far-away exp.
    expect(item).toMatchObject({ entity: 'AssertionJti', expiresAt: now + 61 });
  });

  it('holds any jti, however long, in a bounded key', async () => {
    const jti = 'j'.repeat(5000);
    expect(await claimAssertionJti(store, REALM_ID, 'jwks-client', jti, nowSeconds() + 30)).toBe(true);
    expect(await claimAssertionJti(store, REALM_ID, 'jwks-client', jti, nowSeconds() + 30)).toBe(false);
  });
});
