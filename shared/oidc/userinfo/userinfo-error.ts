import { HttpError } from '../../http/errors.js';
import { BearerTokenError } from '../errors/bearer-error.js';

type BearerErrorCode = ConstructorParameters<typeof BearerTokenError>[1];

/**
 * The userinfo endpoint's errors as Keycloak 26 sends them (UserInfoEndpoint uses
 * `new OAuth2Error().json(false)`): the error travels only in the `WWW-Authenticate: Bearer` challenge
 * (OIDC Core §5.3.3, RFC 6750 §3) that BearerTokenError writes; the body is empty text/plain. 401
 * invalid_token, 400 invalid_request, 403 insufficient_scope; without any token, 401 with a challenge
 * carrying no error code (RFC 6750 §3.1).
 */
export class UserInfoError extends HttpError {
  private readonly challenge: BearerTokenError;

  constructor(
    readonly statusCode: 400 | 401 | 403,
    readonly error: BearerErrorCode,
    description: string,
    realmName: string,
  ) {
    super(description);
    this.challenge = new BearerTokenError(statusCode, error, description, realmName);
  }

  body(): unknown {
    return undefined;
  }

  override headers(): Record<string, string> {
    return { ...this.challenge.headers(), 'content-type': 'text/plain;charset=utf-8' };
  }
}
