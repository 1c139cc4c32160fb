import { HttpError } from '../http/errors.js';

/**
 * The Admin REST API's error answers, shaped as Keycloak 26 sends them:
 * - ErrorResponse.error / .exists (validation, duplicates): `{"errorMessage": "..."}` with 400 or 409;
 * - JAX-RS NotFound / Forbidden / NotAuthorized exceptions through KeycloakErrorHandler: `{"error": "..."}`.
 */
export class AdminBadRequest extends HttpError {
  readonly statusCode = 400;
  body() {
    return { errorMessage: this.message };
  }
}

export class AdminConflict extends HttpError {
  readonly statusCode = 409;
  body() {
    return { errorMessage: this.message };
  }
}

export class AdminNotFound extends HttpError {
  readonly statusCode = 404;
  body() {
    return { error: this.message };
  }
}

/** 401: no token, or one that is not valid (AdminRoot.authenticateRealmAdminRequest). */
export class AdminUnauthorized extends HttpError {
  readonly statusCode = 401;
  constructor(message = 'HTTP 401 Unauthorized') {
    super(message);
  }
  body() {
    return { error: this.message };
  }
}

/** 403: a valid caller without the role the operation needs. */
export class AdminForbidden extends HttpError {
  readonly statusCode = 403;
  constructor(message = 'HTTP 403 Forbidden') {
    super(message);
  }
  body() {
    return { error: this.message };
  }
}

/** A path no operation of the resource serves (RESTEasy's answer). */
export class AdminNoSuchPath extends AdminNotFound {
  constructor() {
    super('Unable to find matching target resource method');
  }
}

export class AdminMethodNotAllowed extends HttpError {
  readonly statusCode = 405;
  constructor(private readonly allowed: readonly string[]) {
    super('HTTP 405 Method Not Allowed');
  }
  body() {
    return { error: this.message };
  }
  override headers() {
    return { allow: this.allowed.join(', ') };
  }
}
