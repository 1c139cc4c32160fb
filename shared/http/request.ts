import { httpConfig } from './http-config.js';
import type { HttpEvent } from './handler.js';

/** A path parameter as API Gateway passes it (already percent-decoded), or undefined. */
export function pathParam(event: HttpEvent, name: string): string | undefined {
  return event.pathParameters?.[name];
}

/** Header values arrive lower-cased and comma-joined (API Gateway payload 2.0). */
export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/**
 * The public base URL, like Keycloak's hostname option: GATEHOUSE_HOSTNAME when set; otherwise the
 * scheme from X-Forwarded-Proto (set by API Gateway and by the local gateway, never by the client)
 * and the host API Gateway received the request on (requestContext.domainName).
 */
export function baseUrl(event: HttpEvent): string {
  const configured = httpConfig().hostname;
  if (configured) return configured;
  const proto = header(event, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'http' ? 'http' : 'https';
  return `${proto}://${event.requestContext.domainName}`;
}

/** The request body as text, decoding API Gateway's base64 form. */
export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}
