import { HttpError } from '../../http/errors.js';

/**
 * JAX-RS's BadRequestException with a message, as Keycloak's error handler renders it
 * (`{"error": "..."}`), unlike ErrorResponse.error's `{"errorMessage": "..."}`.
 */
export class AdminBadRequestException extends HttpError {
  readonly statusCode = 400;
  body() {
    return { error: this.message };
  }
}
