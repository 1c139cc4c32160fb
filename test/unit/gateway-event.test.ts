import { describe, expect, it } from 'vitest';
import { fromApiGatewayResult, toApiGatewayEvent, type GatewayRequest } from '../../bin/local/gateway.js';
import { RouteMatcher, MalformedPathError } from '../../bin/local/route-matcher.js';
import type { Route } from '../../shared/routes.js';

const table: Route[] = [
  { name: 'a', method: 'GET', path: '/realms/{realm}/x', fn: 'f', auth: 'public' },
  { name: 'b', method: 'GET', path: '/realms/master/x', fn: 'f', auth: 'public' },
  { name: 'c', method: 'GET', path: '/files/{path+}', fn: 'f', auth: 'public' },
  { name: 'd', method: 'POST', path: '/realms/{realm}/x', fn: 'f', auth: 'public' },
];

describe('route matching (API Gateway HTTP API rules)', () => {
  const matcher = new RouteMatcher(table);

  it('prefers literal segments and decodes parameters', () => {
    expect(matcher.match('GET', '/realms/master/x')?.route.name).toBe('b');
    expect(matcher.match('GET', '/realms/my%20realm/x')).toMatchObject({ route: { name: 'a' }, pathParameters: { realm: 'my realm' } });
    expect(matcher.match('POST', '/realms/r/x')?.routeKey).toBe('POST /realms/{realm}/x');
  });

  it('matches greedy parameters and refuses the rest', () => {
    expect(matcher.match('GET', '/files/a/b/c')?.pathParameters).toEqual({ path: 'a/b/c' });
    expect(matcher.match('GET', '/realms//x')).toBeUndefined();
    expect(matcher.match('DELETE', '/realms/r/x')).toBeUndefined();
    expect(matcher.match('GET', '/realms/r/x/y')).toBeUndefined();
    expect(() => matcher.match('GET', '/realms/%E0%A4%A/x')).toThrow(MalformedPathError);
  });
});

describe('API Gateway payload 2.0 mapping', () => {
  const matcher = new RouteMatcher(table);
  const request = (overrides: Partial<GatewayRequest> = {}): GatewayRequest => ({
    method: 'POST',
    url: '/realms/r%C3%A9/x?b=2&a=1&a=3&empty=',
    rawHeaders: ['Host', 'localhost:8080', 'Cookie', 'A=1; B=2', 'X-Multi', 'one', 'x-multi', 'two', 'X-Forwarded-For', '6.6.6.6', 'Content-Type', 'application/x-www-form-urlencoded'],
    body: Buffer.from('grant_type=client_credentials'),
    sourceIp: '127.0.0.1',
    protocol: 'http',
    ...overrides,
  });

  it('builds the event API Gateway would', () => {
    const req = request();
    const event = toApiGatewayEvent(req, matcher.match('POST', '/realms/r%C3%A9/x')!)!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /realms/{realm}/x',
      rawPath: '/realms/ré/x',
      rawQueryString: 'b=2&a=1&a=3&empty=',
      cookies: ['A=1', 'B=2'],
      queryStringParameters: { b: '2', a: '1,3', empty: '' },
      pathParameters: { realm: 'ré' },
      requestContext: { domainName: 'localhost:8080', stage: '$default', http: { method: 'POST', path: '/realms/ré/x', sourceIp: '127.0.0.1' } },
      isBase64Encoded: true,
    });
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    // Client-supplied forwarding headers are replaced by the gateway's own.
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(Buffer.from(event.body!, 'base64').toString()).toBe('grant_type=client_credentials');
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('passes JSON bodies as text and refuses hosts that are not host names', () => {
    const match = matcher.match('POST', '/realms/r/x')!;
    const json = toApiGatewayEvent(request({ rawHeaders: ['Host', 'h', 'Content-Type', 'application/json'], body: Buffer.from('{}') }), match)!;
    expect(json).toMatchObject({ body: '{}', isBase64Encoded: false });
    expect(toApiGatewayEvent(request({ rawHeaders: ['Host', 'evil.com/path'] }), match)).toBeUndefined();
  });

  it('maps results back, cookies as separate Set-Cookie values', () => {
    const mapped = fromApiGatewayResult({ statusCode: 302, headers: { Location: '/x' }, cookies: ['a=1', 'b=2'], body: Buffer.from('hi').toString('base64'), isBase64Encoded: true });
    expect(mapped).toEqual({ statusCode: 302, headers: { location: '/x' }, cookies: ['a=1', 'b=2'], body: Buffer.from('hi') });
    expect(fromApiGatewayResult({ ok: true } as never)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
  });
});
