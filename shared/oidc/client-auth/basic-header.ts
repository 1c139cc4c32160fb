import { decodeCredentialPart } from './credential-decoding.js';

/** What the Authorization header says about client authentication. */
export type AuthorizationCredentials =
  | { readonly kind: 'basic'; readonly clientId: string; readonly secret: string }
  /** Another scheme (Bearer, Negotiate, ...): not client credentials; Keycloak ignores it. */
  | { readonly kind: 'other-scheme' }
  /** "Basic" with something that is not base64("id:secret") in UTF-8. */
  | { readonly kind: 'malformed' };

const BASIC = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * client_secret_basic (RFC 6749 §2.3.1, RFC 7617 §2): `Basic base64(urlencode(id) ":" urlencode(secret))`.
 * The first ':' separates the two (an encoded id has none; the secret may hold more). An empty client
 * id is not an id.
 */
export function parseAuthorization(header: string): AuthorizationCredentials {
  if (!/^basic(?: |$)/i.test(header)) return { kind: 'other-scheme' };
  const token = BASIC.exec(header)?.[1];
  if (!token || token.length % 4 === 1) return { kind: 'malformed' };
  let text: string;
  try {
    text = utf8.decode(Buffer.from(token, 'base64'));
  } catch {
    return { kind: 'malformed' };
  }
  const colon = text.indexOf(':');
  if (colon <= 0) return { kind: 'malformed' };
  return {
    kind: 'basic',
    clientId: decodeCredentialPart(text.slice(0, colon)),
    secret: decodeCredentialPart(text.slice(colon + 1)),
  };
}
