import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/config/env-config.js';
import { httpConfig } from '../../shared/http/http-config.js';
import { baseUrl } from '../../shared/http/request.js';
import { issuerOf } from '../../shared/oidc/discovery.js';

const event = (domainName: string, proto?: string) =>
  ({ headers: proto ? { 'x-forwarded-proto': proto } : {}, requestContext: { domainName } }) as unknown as APIGatewayProxyEventV2;

afterEach(() => {
  delete process.env.GATEHOUSE_HOSTNAME;
  httpConfig.reset();
});

describe('base URL and issuer (Keycloak hostname option)', () => {
  it('comes from the request when no hostname is configured', () => {
    expect(baseUrl(event('localhost:8080', 'http'))).toBe('http://localhost:8080');
    expect(baseUrl(event('abc.execute-api.eu-west-1.amazonaws.com', 'https'))).toBe('https://abc.execute-api.eu-west-1.amazonaws.com');
    expect(baseUrl(event('id.example.com'))).toBe('https://id.example.com');
  });

  it.each([
    ['auth.example.com', 'https://auth.example.com'],
    ['https://auth.example.com/', 'https://auth.example.com'],
    ['https://example.com/auth/', 'https://example.com/auth'],
    ['http://localhost:9999', 'http://localhost:9999'],
  ])('uses GATEHOUSE_HOSTNAME=%s as %s', (hostname, expected) => {
    process.env.GATEHOUSE_HOSTNAME = hostname;
    httpConfig.reset();
    expect(baseUrl(event('ignored', 'http'))).toBe(expected);
    expect(issuerOf(expected, 'acme')).toBe(`${expected}/realms/acme`);
  });

  it('refuses hostnames that are not URLs', () => {
    process.env.GATEHOUSE_HOSTNAME = 'ftp://x';
    httpConfig.reset();
    expect(() => httpConfig()).toThrow(ConfigError);
    process.env.GATEHOUSE_HOSTNAME = 'https://x/?q=1';
    httpConfig.reset();
    expect(() => httpConfig()).toThrow(/query/);
  });

  it('encodes the realm name in the issuer as Keycloak does in URLs', () => {
    expect(issuerOf('https://h', 'my realm')).toBe('https://h/realms/my%20realm');
  });
});
