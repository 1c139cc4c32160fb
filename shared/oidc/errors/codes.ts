import { OAuthError } from './oauth-error.js';

/** RFC 6749 §5.2: missing or malformed parameter, repeated parameter, several credentials, ... */
export class InvalidRequest extends OAuthError {
  readonly error = 'invalid_request';
  constructor(
    description: string,
    override readonly statusCode: number = 400,
  ) {
    super(description);
  }
}

/**
 * RFC 6749 §5.2: client authentication failed. 401, with a WWW-Authenticate challenge for the scheme
 * the client tried (Basic when it used the Authorization header).
 */
export class InvalidClient extends OAuthError {
  readonly error = 'invalid_client';
  constructor(
    description = 'Invalid client or Invalid client credentials',
    private readonly usedBasic = false,
    /** Keycloak answers an authenticated client it will not serve (bearer-only, other protocol) with 400. */
    override readonly statusCode: 400 | 401 = 401,
  ) {
    super(description);
  }
  override headers() {
    const challenge = this.usedBasic && this.statusCode === 401;
    return { ...super.headers(), ...(challenge ? { 'www-authenticate': 'Basic realm="gatehouse"' } : {}) };
  }
}

/** RFC 6749 §5.2: the grant (code, refresh token, user credentials) is invalid, expired or revoked. */
export class InvalidGrant extends OAuthError {
  readonly error = 'invalid_grant';
  /** Keycloak answers wrong user credentials on the password grant with 401. */
  constructor(
    description: string,
    override readonly statusCode: number = 400,
  ) {
    super(description);
  }
}

/** RFC 6749 §5.2: the client may not use this grant type. Keycloak answers some of these with 401. */
export class UnauthorizedClient extends OAuthError {
  readonly error = 'unauthorized_client';
  constructor(
    description: string,
    override readonly statusCode: number = 400,
  ) {
    super(description);
  }
}

/** RFC 6749 §5.2: the server does not support this grant type. */
export class UnsupportedGrantType extends OAuthError {
  readonly error = 'unsupported_grant_type';
}

/** Keycloak's answer at protocol endpoints of a disabled realm: 403 access_denied "Realm not enabled". */
export class AccessDenied extends OAuthError {
  readonly error = 'access_denied';
  override readonly statusCode = 403;
}

/** RFC 6749 §5.2: the requested scope is invalid, unknown or malformed. */
export class InvalidScope extends OAuthError {
  readonly error = 'invalid_scope';
}

/** RFC 7009 §2.2.1: the server does not support revoking this token type. */
export class UnsupportedTokenType extends OAuthError {
  readonly error = 'unsupported_token_type';
}
