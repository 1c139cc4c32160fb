import { HttpError } from '../../http/errors.js';

/**
 * RFC 6750 §3: errors of resources protected by a bearer token (userinfo). 401 with
 * `WWW-Authenticate: Bearer realm=..., error=..., error_description=...`; without any token, the
 * challenge carries no error code (§3.1).
 */
export class BearerTokenError extends HttpError {
  constructor(
    readonly statusCode: 400 | 401 | 403,
    readonly error: 'invalid_request' | 'invalid_token' | 'insufficient_scope' | undefined,
    readonly description: string,
    private readonly realmName: string,
  ) {
    super(description);
  }
  body() {
    return this.error ? { error: this.error, error_description: this.description } : { error: 'invalid_request', error_description: this.description };
  }
  override headers() {
    const parts = [`realm="${this.realmName.replace(/["\\]/g, '')}"`];
    if (this.error) parts.push(`error="${this.error}"`, `error_description="${this.description.replace(/["\\]/g, '')}"`);
    return { 'www-authenticate': `Bearer ${parts.join(', ')}`, 'cache-control': 'no-store' };
  }
}
