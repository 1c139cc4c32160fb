import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../bin/local/sigv4-sha256.js';
import { LOCAL_USER_ARN, signingIdentityFrom } from '../../bin/local/sigv4-credentials.js';
import { verifySigV4, type ReceivedRequest, type SigningIdentity } from '../../bin/local/sigv4-verifier.js';

const identity: SigningIdentity = {
  credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret-key' },
  region: 'eu-west-1',
  accountId: '000000000000',
  userArn: LOCAL_USER_ARN,
  userId: 'AIDATEST',
};
const NOW = Date.UTC(2026, 0, 15, 10, 0, 0);
const HOST = 'localhost:8080';

interface Draft {
  method?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
}

/** Signs like an AWS SDK client would (header form, double-encoded path), as a ReceivedRequest. */
async function signed(draft: Draft = {}, signer: SigningIdentity = identity, at = NOW, service = 'execute-api'): Promise<ReceivedRequest> {
  const path = draft.path ?? '/iam/admin/realms';
  const body = draft.body ?? '';
  const sigv4 = new SignatureV4({ credentials: signer.credentials, region: signer.region, service, sha256: NodeSha256, applyChecksum: false });
  const request = await sigv4.sign(
    { method: draft.method ?? 'GET', protocol: 'http:', hostname: 'localhost', port: 8080, path, query: draft.query ?? {}, headers: { host: HOST, ...draft.headers }, ...(body ? { body } : {}) },
    { signingDate: new Date(at) },
  );
  const rawQuery = Object.entries(draft.query ?? {})
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`))
    .join('&');
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return { method: request.method, rawPath: path, rawQuery, headers, body: Buffer.from(body) };
}

const verify = (request: ReceivedRequest, now = NOW) => verifySigV4(request, identity, now);

describe('SigV4 verification (the local IAM authorizer)', () => {
  it("matches AWS's published get-vanilla test vector", async () => {
    const vanilla: SigningIdentity = { ...identity, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, region: 'us-east-1' };
    const request: ReceivedRequest = {
      method: 'GET',
      rawPath: '/',
      rawQuery: '',
      headers: {
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
      },
      body: Buffer.alloc(0),
    };
    const at = Date.UTC(2015, 7, 30, 12, 36, 0);
    expect(await verifySigV4(request, vanilla, at, 'service')).toBeDefined();
    expect(await verifySigV4({ ...request, rawPath: '/x' }, vanilla, at, 'service')).toBeUndefined();
  });

  it('accepts a correctly signed request and reports the caller as API Gateway does', async () => {
    const request = await signed({ method: 'PUT', path: '/iam/admin/realms/my%20realm/events/config', query: { first: '0', type: ['LOGIN', 'LOGOUT'] }, headers: { 'content-type': 'application/json' }, body: '{"eventsEnabled":true}' });
    expect(await verify(request)).toEqual({
      accessKey: 'AKIDLOCALTEST',
      accountId: '000000000000',
      callerId: 'AIDATEST',
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: LOCAL_USER_ARN,
      userId: 'AIDATEST',
    });
  });

  it('refuses a tampered body, path, query, header or method', async () => {
    const request = await signed({ method: 'PUT', path: '/iam/admin/realms/a', query: { max: '10' }, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await verify(request)).toBeDefined();
    expect(await verify({ ...request, body: Buffer.from('{"a":2}') })).toBeUndefined();
    expect(await verify({ ...request, rawPath: '/iam/admin/realms/b' })).toBeUndefined();
    expect(await verify({ ...request, rawQuery: 'max=11' })).toBeUndefined();
    expect(await verify({ ...request, method: 'DELETE' })).toBeUndefined();
    expect(await verify({ ...request, headers: { ...request.headers, 'content-type': 'text/plain' } })).toBeUndefined();
    expect(await verify({ ...request, headers: { ...request.headers, host: 'evil.example' } })).toBeUndefined();
  });

  it('refuses a declared body hash that is not the body', async () => {
    const body = '{"a":1}';
    const honest = await signed({ method: 'POST', body, headers: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') } });
    expect(await verify(honest)).toBeDefined();
    // Signed over a hash of another body: the signature holds, the body does not match it.
    const lying = await signed({ method: 'POST', body: '{"a":2}', headers: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') } });
    expect(await verify(lying)).toBeUndefined();
  });

  it('refuses a missing or malformed signature, another key, region or service', async () => {
    const request = await signed();
    const { authorization: _auth, ...unsigned } = request.headers;
    expect(await verify({ ...request, headers: unsigned })).toBeUndefined();
    expect(await verify({ ...request, headers: { ...request.headers, authorization: 'Bearer abc' } })).toBeUndefined();
    expect(await verify({ ...request, headers: { ...request.headers, authorization: request.headers['authorization']!.replace(/Signature=.*/, 'Signature=zz') } })).toBeUndefined();
    expect(await verify(await signed({}, { ...identity, credentials: { ...identity.credentials, secretAccessKey: 'wrong' } }))).toBeUndefined();
    expect(await verify(await signed({}, { ...identity, credentials: { ...identity.credentials, accessKeyId: 'AKIDOTHER' } }))).toBeUndefined();
    expect(await verify(await signed({}, { ...identity, region: 'us-east-1' }))).toBeUndefined();
    expect(await verify(await signed({}, identity, NOW, 's3'))).toBeUndefined();
  });

  it('refuses signatures dated more than 15 minutes away', async () => {
    expect(await verify(await signed({}, identity, NOW - 14 * 60_000))).toBeDefined();
    expect(await verify(await signed({}, identity, NOW - 16 * 60_000))).toBeUndefined();
    expect(await verify(await signed({}, identity, NOW + 16 * 60_000))).toBeUndefined();
  });

  it('needs the session token of temporary credentials', async () => {
    const temporary: SigningIdentity = { ...identity, credentials: { ...identity.credentials, sessionToken: 'session-token' } };
    const request = await signed({}, temporary);
    expect(await verifySigV4(request, temporary, NOW)).toBeDefined();
    expect(await verifySigV4({ ...request, headers: { ...request.headers, 'x-amz-security-token': 'other' } }, temporary, NOW)).toBeUndefined();
    // Signed without a token: credentials that have one refuse it.
    expect(await verifySigV4(await signed(), temporary, NOW)).toBeUndefined();
  });

  it('takes the runtime environment, or generates credentials when there are none', () => {
    const fromEnv = signingIdentityFrom({ AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'tok', AWS_REGION: 'eu-central-1' });
    expect(fromEnv).toMatchObject({ generated: false, region: 'eu-central-1', credentials: { accessKeyId: 'AKIDENV', secretAccessKey: 'secret', sessionToken: 'tok' } });
    const generated = signingIdentityFrom({});
    expect(generated.generated).toBe(true);
    expect(generated.credentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(generated.credentials.secretAccessKey).toHaveLength(40);
    expect(signingIdentityFrom({}).credentials.secretAccessKey).not.toBe(generated.credentials.secretAccessKey);
  });
});
