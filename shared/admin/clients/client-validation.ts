import type { ClientRepresentation } from '../../model/client.js';
import { ProtocolError } from '../../http/errors.js';

/** Where Keycloak resolves relative URLs while validating (DefaultClientValidationProvider uses a fake server URL). */
const FAKE_SERVER = 'https://localhost/auth/';
const ILLEGAL_SCHEMES = new Set(['data:', 'javascript:']);

interface UrlField {
  readonly invalid: string;
  readonly illegalScheme: string;
  readonly fragment?: string;
}

const ROOT_URL: UrlField = { invalid: 'Root URL is not a valid URL', illegalScheme: 'Root URL uses an illegal scheme' };
const BASE_URL: UrlField = { invalid: 'Base URL is not a valid URL', illegalScheme: 'Base URL uses an illegal scheme' };
const REDIRECT_URI: UrlField = {
  invalid: 'A redirect URI is not a valid URI',
  illegalScheme: 'A redirect URI uses an illegal scheme',
  fragment: 'Redirect URIs must not contain an URI fragment',
};

/**
 * Keycloak's ValidationUtil.validateClient (DefaultClientValidationProvider.validateUrls) after a
 * client is created or updated: root and base URLs must be URLs, none of the client's URLs may use the
 * `javascript:` or `data:` scheme, and redirect URIs carry no fragment. The answer is Keycloak's
 * ErrorResponseException: 400 `{"error": "invalid_input", "error_description": ...}`.
 */
export function validateClientUrls(client: ClientRepresentation): void {
  const problems: string[] = [];
  const root = check(ROOT_URL, client.rootUrl, FAKE_SERVER, problems);
  check(BASE_URL, client.baseUrl, root ?? FAKE_SERVER, problems);
  for (const uri of client.redirectUris ?? []) check(REDIRECT_URI, uri.replace(/\*$/, ''), root ?? FAKE_SERVER, problems);
  if (problems.length > 0) throw new ProtocolError(400, 'invalid_input', [...new Set(problems)].join(', '));
}

/** The resolved URL when it passes; records the first problem otherwise. Placeholders (`${authBaseUrl}`) pass. */
function check(field: UrlField, value: string | undefined, base: string, problems: string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  const resolvable = value.replace(/^\$\{auth(Base|Admin)Url\}/, FAKE_SERVER.replace(/\/$/, ''));
  let url: URL;
  try {
    url = new URL(resolvable, base);
  } catch {
    problems.push(field.invalid);
    return undefined;
  }
  if (ILLEGAL_SCHEMES.has(url.protocol)) {
    problems.push(field.illegalScheme);
    return undefined;
  }
  if (field.fragment && url.hash !== '') {
    problems.push(field.fragment);
    return undefined;
  }
  return url.href;
}
