import { OAuthError } from '../errors/oauth-error.js';

/**
 * Keycloak's ErrorResponseException(Errors.NOT_ALLOWED, ...): an error code of Keycloak's own, not
 * one of RFC 6749 §5.2, which the token endpoint answers when offline tokens are not allowed for the
 * user or client (TokenManager.AccessTokenResponseBuilder.generateRefreshToken). 400.
 */
export class NotAllowed extends OAuthError {
  readonly error = 'not_allowed';
}
