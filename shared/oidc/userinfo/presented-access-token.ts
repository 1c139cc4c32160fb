import type { HttpEvent } from '../../http/handler.js';
import { bodyText, header } from '../../http/request.js';
import { UserInfoError } from './userinfo-error.js';

/**
 * The access token of a userinfo request, where RFC 6750 lets a client put it and Keycloak 26's
 * UserInfoEndpoint looks: the `Authorization: Bearer` header (§2.1; AppAuthManager: scheme matched
 * case-insensitively, exactly one token after it, anything else counts as no header) and, on POST
 * with a form body, the `access_token` parameter (§2.2). Sending it twice in the form is
 * "Duplicate parameter"; in the header and the form both, "More than one method used for including an
 * access token" (§2: "MUST NOT use more than one method"). Undefined when there is none.
 */
export function presentedAccessToken(event: HttpEvent, realmName: string): string | undefined {
  const fromHeader = bearerToken(header(event, 'authorization'));
  if (event.requestContext.http.method !== 'POST') return fromHeader;
  const type = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return fromHeader;
  const values = new URLSearchParams(bodyText(event)).getAll('access_token');
  if (values.length > 1) throw new UserInfoError(400, 'invalid_request', 'Duplicate parameter', realmName);
  if (values.length === 0) return fromHeader;
  if (fromHeader !== undefined) throw new UserInfoError(400, 'invalid_request', 'More than one method used for including an access token', realmName);
  return values[0];
}

function bearerToken(authorization: string | undefined): string | undefined {
  const parts = authorization?.trim().split(/\s+/);
  if (!parts || parts.length !== 2 || parts[0]!.toLowerCase() !== 'bearer' || parts[1] === '') return undefined;
  return parts[1];
}
