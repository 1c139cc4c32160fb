/**
 * Domain errors raised by the store. Handlers translate them into their protocol's error format
 * (Keycloak's `errorMessage` for the Admin API, RFC 6749 errors on protocol endpoints).
 */
export class StoreError extends Error {}

/** A uniqueness rule was broken (a sentinel already exists) or the item already exists. */
export class ConflictError extends StoreError {
  override readonly name = 'ConflictError';
}

/** The item asked for does not exist (or has expired). */
export class NotFoundError extends StoreError {
  override readonly name = 'NotFoundError';
}

/** Someone else changed the item since it was read (optimistic concurrency on `version`). */
export class ConcurrentModificationError extends StoreError {
  override readonly name = 'ConcurrentModificationError';
}

/** A paging cursor that this store did not hand out. */
export class InvalidCursorError extends StoreError {
  override readonly name = 'InvalidCursorError';
}

/** The request cannot be stored as asked (DynamoDB ValidationException: key or item too large, ...). */
export class StoreValidationError extends StoreError {
  override readonly name = 'StoreValidationError';
}
