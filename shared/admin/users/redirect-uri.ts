import type { ClientRepresentation } from '../../model/client.js';

/**
 * RedirectUtils.verifyRedirectUri for the links the Admin API mails: the URI must match one of the
 * client's valid redirect URIs (relative ones resolved against its rootUrl) — exactly, or by prefix
 * for a pattern ending in `*` (query parameters of the URI aside). Answers the URI to use, or
 * undefined when it is not allowed.
 */
export function verifiedRedirectUri(redirectUri: string, client: ClientRepresentation): string | undefined {
  const root = typeof client.rootUrl === 'string' ? client.rootUrl.replace(/\/+$/, '') : '';
  const valid = (client.redirectUris ?? []).map((uri) => (uri.startsWith('/') ? `${root}${uri}` : uri));
  const withoutQuery = redirectUri.split('?')[0]!;
  for (const pattern of valid) {
    if (pattern.endsWith('*') && !pattern.includes('?')) {
      if (withoutQuery.startsWith(pattern.slice(0, -1))) return redirectUri;
    } else if (pattern === redirectUri) {
      return redirectUri;
    }
  }
  return undefined;
}
