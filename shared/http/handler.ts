import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { log } from '../log/logger.js';
import { ConcurrentModificationError, ConflictError, InvalidCursorError, NotFoundError, StoreValidationError } from '../store/errors.js';
import { HttpError, ProtocolError } from './errors.js';
import { json, securityHeaders, type HttpResult } from './response.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpHandlerFn = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * The middy stack every HTTP handler runs in (DESIGN.md §11, §13):
 * errors rendered in their protocol's format; anything unexpected becomes a generic 500 carrying
 * the correlation id (the API Gateway request id), never a stack trace; security headers on every
 * response; one structured log line per request (method, route, status, latency — no secrets).
 */
export function httpHandler(fn: HttpHandlerFn) {
  return middy<HttpEvent, HttpResult>().use(requestLifecycle()).handler(fn);
}

function requestLifecycle(): MiddlewareObj<HttpEvent, HttpResult> {
  const started = new WeakMap<object, number>();
  const finish = (request: { event: HttpEvent; response: HttpResult | null }) => {
    const response = request.response!;
    response.headers = { ...securityHeaders, ...response.headers };
    log('info', 'request', {
      correlationId: request.event.requestContext?.requestId,
      method: request.event.requestContext?.http?.method,
      route: request.event.routeKey,
      status: response.statusCode,
      ms: Date.now() - (started.get(request.event) ?? Date.now()),
    });
  };
  return {
    before: (request) => {
      started.set(request.event, Date.now());
    },
    after: (request) => finish(request),
    onError: (request) => {
      request.response = errorResponse(request.error, request.event);
      finish(request);
    },
  };
}

const noStore = { 'cache-control': 'no-store' };

export function errorResponse(error: unknown, event: HttpEvent): HttpResult {
  if (error instanceof HttpError) return json(error.statusCode, error.body(), error.headers());
  if (error instanceof StoreValidationError || error instanceof InvalidCursorError) {
    return json(400, new ProtocolError(400, 'invalid_request', 'The request could not be processed').body(), noStore);
  }
  // Domain errors a handler did not translate itself: Keycloak's Admin API shape, the closest status.
  if (error instanceof NotFoundError) return json(404, { errorMessage: error.message }, noStore);
  if (error instanceof ConflictError || error instanceof ConcurrentModificationError) return json(409, { errorMessage: error.message }, noStore);
  const correlationId = event.requestContext?.requestId;
  log('error', 'unhandled error', { correlationId, route: event.routeKey, error });
  return json(500, { error: 'unknown_error', error_description: `Unexpected error; correlation id ${correlationId}` }, noStore);
}
