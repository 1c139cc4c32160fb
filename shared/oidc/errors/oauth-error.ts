import { HttpError } from '../../http/errors.js';

/**
 * An OAuth 2.0 error response (RFC 6749 §5.2): JSON `{error, error_description}`, status 400 unless
 * the error says otherwise. One subclass per error code; descriptions follow Keycloak's texts.
 */
export abstract class OAuthError extends HttpError {
  abstract readonly error: string;
  readonly statusCode: number = 400;

  constructor(readonly description: string) {
    super(description);
  }

  body() {
    return { error: this.error, error_description: this.description };
  }

  override headers(): Record<string, string> {
    return { 'cache-control': 'no-store', pragma: 'no-cache' };
  }
}
