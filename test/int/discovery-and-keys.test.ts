import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleGatewayRequest } from '../../bin/local/gateway.js';
import { handler as certsHandler } from '../../functions/oidc/certs.js';
import { signJwt } from '../../shared/crypto/jws.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { activeKeyFor } from '../../shared/keys/realm-keys.js';
import { rotateRealmKey } from '../../shared/keys/rotate-realm-key.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { RealmConfigCache } from '../../shared/realm/realm-config-cache.js';
import { routeKey, routeNamed, routePath } from '../../shared/routes.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';

let store: Store;
let realmId: string;

const get = async (url: string, headers: string[] = []) => {
  const response = await handleGatewayRequest({
    method: 'GET',
    url,
    rawHeaders: ['Host', 'id.example.test', ...headers],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'https',
  });
  return { ...response, json: JSON.parse(response.body.toString() || 'null') };
};

beforeAll(async () => {
  ({ store } = await useFreshEnvironment());
  realmId = (await createRealm(realmCreation(store, keyProviders()), { realm: 'shop', enabled: true })).id;
});

describe('discovery and JWKS', () => {
  it('serves the discovery document with Keycloak field names and issuer', async () => {
    const response = await get(routePath('oidc.discovery', { realm: 'shop' }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache, must-revalidate, no-transform, no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.json).toMatchObject({
      issuer: 'https://id.example.test/realms/shop',
      jwks_uri: 'https://id.example.test/realms/shop/protocol/openid-connect/certs',
    });
    expect(response.json.token_endpoint).toBe('https://id.example.test/realms/shop/protocol/openid-connect/token');
    expect(response.json.grant_types_supported).toEqual(['client_credentials', 'password', 'refresh_token']);
    // Nothing is advertised for endpoints that do not exist yet.
    expect(response.json.authorization_endpoint).toBeUndefined();
    expect(response.json.response_types_supported).toBeUndefined();
  });

  it('answers an unknown realm like Keycloak', async () => {
    for (const url of [routePath('oidc.discovery', { realm: 'nope' }), routePath('oidc.certs', { realm: 'nope' })]) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json).toEqual({ error: 'Realm does not exist' });
    }
  });

  it('publishes the active key, which verifies what the realm signs', async () => {
    const response = await get(routePath('oidc.certs', { realm: 'shop' }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    const keys = response.json.keys as Record<string, string>[];
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });

    const cache = new RealmConfigCache(store, 60_000);
    const config = (await cache.byName('shop'))!;
    const key = activeKeyFor(config.keys, 'RS256')!;
    const token = await signJwt({ iss: 'https://id.example.test/realms/shop', sub: 'alice' }, await keyProviders().signer({ realmId, componentId: key.componentId }, key.material));
    const { payload } = await jwtVerify(token, createLocalJWKSet(response.json));
    expect(payload.sub).toBe('alice');
    expect((await get(routePath('oidc.certs', { realm: 'shop' }), ['Accept', 'application/jwk-set+json'])).headers['content-type']).toBe('application/jwk-set+json');
  });

  it('rotates without downtime: old tokens still verify, new ones use the new key', async () => {
    const before = (await get(routePath('oidc.certs', { realm: 'shop' }))).json;
    let clock = 0;
    const otherContainer = new RealmConfigCache(store, 5_000, () => clock, false);
    const stale = (await otherContainer.byName('shop'))!;

    const rotated = await rotateRealmKey(store, keyProviders(), realmId, 'RS256');
    const after = (await get(routePath('oidc.certs', { realm: 'shop' }))).json;
    expect(after.keys.map((k: { kid: string }) => k.kid)).toEqual([rotated.kid, before.keys[0].kid]);

    // Another container keeps its cache until it revalidates, then sees the new configVersion.
    expect(await otherContainer.byName('shop')).toBe(stale);
    clock = 5_000;
    const fresh = (await otherContainer.byName('shop'))!;
    expect(activeKeyFor(fresh.keys, 'RS256')?.kid).toBe(rotated.kid);
    expect(fresh.keys.find((k) => k.kid === before.keys[0].kid)?.status).toBe('PASSIVE');
  });

  it('gives the same answer through the gateway and for a hand-built API Gateway event', async () => {
    const path = routePath('oidc.certs', { realm: 'shop' });
    const viaGateway = await get(path);
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: routeKey(routeNamed('oidc.certs')),
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'id.example.test', 'x-forwarded-proto': 'https' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'abc123',
        domainName: 'id.example.test',
        domainPrefix: 'id',
        http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'curl/8' },
        requestId: 'req-1',
        routeKey: routeKey(routeNamed('oidc.certs')),
        stage: '$default',
        time: '22/Nov/2026:14:00:00 +0000',
        timeEpoch: 0,
      },
      pathParameters: { realm: 'shop' },
      isBase64Encoded: false,
    };
    const direct = (await certsHandler(event, {} as never)) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(direct.statusCode).toBe(viaGateway.statusCode);
    expect(direct.headers).toEqual(viaGateway.headers);
    expect(direct.body).toBe(viaGateway.body.toString());
  });
});
