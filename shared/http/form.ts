import { InvalidRequest } from '../oidc/errors/codes.js';
import type { HttpEvent } from './handler.js';
import { bodyText, header } from './request.js';

/**
 * An application/x-www-form-urlencoded request body (RFC 6749 §3.2: POST with form parameters).
 * A parameter sent twice is invalid_request (RFC 6749 §3.1, §3.2: "MUST NOT be included more than
 * once"); empty values count as absent (RFC 6749 §3.1).
 */
export function parseForm(event: HttpEvent): ReadonlyMap<string, string> {
  const type = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new InvalidRequest('Content type must be application/x-www-form-urlencoded');
  }
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(bodyText(event))) {
    if (form.has(name)) throw new InvalidRequest(`Duplicated parameter: ${name}`);
    if (value !== '') form.set(name, value);
  }
  return form;
}
