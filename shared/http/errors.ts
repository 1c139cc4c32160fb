/**
 * Errors a handler deliberately exposes, each rendering itself in its protocol's format
 * (DESIGN.md §11). Anything else becomes a generic 500 with a correlation id.
 */
export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  abstract body(): unknown;
  headers(): Record<string, string> {
    return {};
  }
}

/**
 * Keycloak's answer for paths under /realms/{realm} naming a realm that does not exist
 * (RealmsResource → NotFoundException → KeycloakErrorHandler): 404 `{"error": "Realm does not exist"}`.
 */
export class RealmNotFoundError extends HttpError {
  readonly statusCode = 404;
  constructor() {
    super('Realm does not exist');
  }
  body() {
    return { error: 'Realm does not exist' };
  }
}

/** Keycloak's Admin API error shape: `{"errorMessage": "..."}`. */
export class AdminError extends HttpError {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
  body() {
    return { errorMessage: this.message };
  }
}

/** Plain JSON error used where a Keycloak equivalent has `{error, error_description}`. */
export class ProtocolError extends HttpError {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
  body() {
    return { error: this.error, error_description: this.description };
  }
}
