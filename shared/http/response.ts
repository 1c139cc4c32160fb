import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * Headers on every response: no MIME sniffing, no framing of JSON, no referrer leakage, HSTS
 * (browsers ignore it over plain http, as on localhost). Pages add a CSP of their own later.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-robots-tag': 'none',
};

/** Keycloak's CacheControlUtil.noCache(), as it sends it on the discovery document. */
export const noCacheNoStore = 'no-cache, must-revalidate, no-transform, no-store';
