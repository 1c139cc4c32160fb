import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleGatewayRequest, type GatewayRequest } from '../../bin/local/gateway.js';
import { currentSigningIdentity } from '../../bin/local/sigv4-credentials.js';
import { NodeSha256 } from '../../bin/local/sigv4-sha256.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { routes, type Route } from '../../shared/routes.js';
import { useFreshEnvironment } from '../support/tables.js';

/**
 * Every route in the table, hit with malformed paths, query strings, headers, cookies and bodies
 * through the gateway. Nothing may answer 5xx, crash, or leak a stack trace. New routes join by being
 * in the table.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 120);

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '..', '%', '%zz', '%00', '%2F', '%C0%AF', '\u0000', '💥', 'master', 'MASTER', '__proto__', 'constructor', '{realm}', "'; DROP", '<script>'),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.constant('x'.repeat(70_000)),
);

const segment = fc.tuple(nasty, fc.boolean()).map(([value, encode]) => (encode ? encodeURIComponent(value) : value.replace(/[/?#\s]/g, '')));

function pathFor(route: Route) {
  const parts = route.path.split('/').slice(1);
  return fc
    .tuple(fc.array(segment, { minLength: parts.length, maxLength: parts.length }), fc.array(segment, { maxLength: 2 }), fc.boolean(), fc.nat(9))
    .map(([values, extra, keepRealm, dice]) => {
      const filled = parts.map((part, i) => (part.startsWith('{') ? (keepRealm && part === '{realm}' ? 'master' : values[i]!) : part));
      return '/' + [...filled, ...(dice < 2 ? extra : [])].join('/');
    });
}

const headerName = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/);
const headerValue = fc.oneof(fc.string({ maxLength: 200 }).map((v) => v.replace(/[\r\n\u0000]/g, '')), fc.constantFrom('application/json', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jwk-set+json', '*/*'));
const body = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.string().map((s) => Buffer.from(s)),
  fc.constantFrom('{', '{"a":', 'null', '[]', '{"__proto__":{"x":1}}', 'grant_type=%%', '\u0000\u0001').map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.alloc(1_000_000, 'a')),
);

function requestFor(route: Route) {
  return fc.record({
    method: fc.oneof(fc.constant(route.method), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')),
    path: pathFor(route),
    query: fc.oneof(fc.constant(''), fc.string({ maxLength: 300 }).map((q) => '?' + q.replace(/#/g, '')), fc.constant('?a=1&a=2&%zz=%&realm=x')),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
    contentType: fc.option(headerValue),
    cookie: fc.option(fc.string({ maxLength: 300 }).map((c) => c.replace(/[\r\n]/g, ''))),
    host: fc.oneof(fc.constant('localhost:8080'), fc.constantFrom('', 'a b', 'evil.com/x', '[::1]:8080', 'x'.repeat(300))),
    body,
    // SigV4 routes only reach their handler signed: sign most of their requests, fuzz or not.
    signed: fc.nat(9).map((dice) => dice > 0),
  });
}

/**
 * The SigV4 headers an AWS SDK client would add for the local runtime's credentials. Whatever the
 * signer cannot express (broken escapes, odd hosts) simply fails verification: the gateway's 403.
 */
async function signatureHeaders(method: string, url: string, host: string, body: Buffer): Promise<string[]> {
  const identity = currentSigningIdentity();
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query: Record<string, string | string[]> = {};
  try {
    for (const [name, value] of new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1))) {
      const seen = query[name];
      query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    const signer = new SignatureV4({ credentials: identity.credentials, region: identity.region, service: 'execute-api', sha256: NodeSha256, applyChecksum: false });
    const signed = await signer.sign({ method, protocol: 'https:', hostname: host.replace(/:\d+$/, ''), path, query, headers: { host }, ...(body.length > 0 ? { body } : {}) });
    return Object.entries(signed.headers).filter(([name]) => name !== 'host').flat();
  } catch {
    return [];
  }
}

const looksLikeStackTrace = /\n\s+at |at [\w.<>]+ \(.*:\d+:\d+\)|node_modules|\.ts:\d+/;

beforeAll(async () => {
  const { store } = await useFreshEnvironment();
  await createRealm(realmCreation(store, keyProviders()), { id: 'master', realm: 'master', enabled: true });
});

describe('fuzzing every route through the gateway', () => {
  it.each(routes.map((route) => [route.name, route] as const))('%s never answers 5xx or leaks internals', async (_name, route) => {
    let reachedHandler = 0;
    await fc.assert(
      fc.asyncProperty(requestFor(route), async (input) => {
        const rawHeaders: string[] = ['Host', input.host];
        for (const [name, value] of input.headers) {
          if (name.toLowerCase() !== 'host') rawHeaders.push(name, value);
        }
        if (input.contentType !== null) rawHeaders.push('Content-Type', input.contentType);
        if (input.cookie !== null) rawHeaders.push('Cookie', input.cookie);
        if (route.auth === 'iam' && input.signed) rawHeaders.push(...(await signatureHeaders(input.method, input.path + input.query, input.host, input.body)));
        const request: GatewayRequest = {
          method: input.method,
          url: input.path + input.query,
          rawHeaders,
          body: input.body,
          sourceIp: '127.0.0.1',
          protocol: 'http',
        };
        const response = await handleGatewayRequest(request);
        const text = response.body.toString();
        expect(response.statusCode, `${request.method} ${request.url.slice(0, 200)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(text).not.toMatch(looksLikeStackTrace);
        // Handlers add the security headers; the gateway's own 400/404 do not.
        if (response.headers['x-content-type-options']) reachedHandler++;
      }),
      { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    );
    // The fuzzing is only worth something if a good share of inputs got past routing.
    expect(reachedHandler).toBeGreaterThan(RUNS_PER_ROUTE / 10);
  }, 120_000);
});
