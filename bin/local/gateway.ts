import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { functionTimeoutSeconds } from '../../shared/functions/timeouts.js';
import { log } from '../../shared/log/logger.js';
import { routes, type Route } from '../../shared/routes.js';
import { InvocationSlots } from './invocation-slots.js';
import { MalformedPathError, RouteMatcher, type RouteMatch } from './route-matcher.js';
import { currentSigningIdentity } from './sigv4-credentials.js';
import { verifySigV4, type IamAuthorizerContext, type ReceivedRequest } from './sigv4-verifier.js';

/** A request as the gateway sees it, before it becomes an API Gateway event. */
export interface GatewayRequest {
  readonly method: string;
  /** Path and query exactly as sent (`/realms/a%20b/x?y=1`). */
  readonly url: string;
  /** Raw header pairs: [name, value, name, value, ...] as Node gives them. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** Scheme the client used; becomes X-Forwarded-Proto as on API Gateway. */
  readonly protocol: 'http' | 'https';
}

export interface GatewayResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly cookies: string[];
  readonly body: Buffer;
}

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** Lambda's synchronous invocation payload limit; API Gateway refuses larger bodies. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** Invocations running at once in this process (see InvocationSlots). */
const CONCURRENT_INVOCATIONS = 16;
const slots = new InvocationSlots(CONCURRENT_INVOCATIONS);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const matcher = new RouteMatcher(routes);
const modules = new Map<string, Promise<{ handler: LambdaHandler }>>();

/**
 * The local stand-in for API Gateway's HTTP API (payload format 2.0): matches the route table,
 * builds the same event API Gateway would, calls the same handler module, maps the result back.
 */
export async function handleGatewayRequest(request: GatewayRequest): Promise<GatewayResponse> {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  // Only origin-form request targets (RFC 9112 §3.2.1) reach routes.
  if (!rawPath.startsWith('/')) return gatewayError(400, 'Bad Request');
  let match: RouteMatch | undefined;
  try {
    match = matcher.match(request.method, rawPath);
  } catch (error) {
    if (error instanceof MalformedPathError) return gatewayError(400, 'Bad Request');
    throw error;
  }
  if (!match) return gatewayError(404, 'Not Found');
  if (request.body.length > MAX_BODY_BYTES) return gatewayError(413, 'Request Entity Too Large');
  // SigV4-authorized routes (DESIGN.md §9): API Gateway's IAM authorizer runs before the function.
  let iam: IamAuthorizerContext | undefined;
  if (match.route.auth === 'iam') {
    iam = await verifySigV4(receivedRequest(request, rawPath, queryAt), currentSigningIdentity());
    if (!iam) return gatewayError(403, 'Forbidden');
  }
  const event = toApiGatewayEvent(request, match);
  if (!event) return gatewayError(400, 'Bad Request');
  // Payload 2.0 puts the verified caller in requestContext.authorizer.iam.
  if (iam) Object.assign(event.requestContext, { authorizer: { iam } });
  try {
    const { handler } = await loadHandler(match.route);
    const result = await slots.run(() => handler(event, lambdaContext(match.route, event.requestContext.requestId)));
    return fromApiGatewayResult(result);
  } catch (error) {
    // API Gateway's own answer when the integration fails; the error goes to the log, not the client.
    log('error', 'handler failed', { route: match.routeKey, error });
    return gatewayError(500, 'Internal Server Error');
  }
}

export function toApiGatewayEvent(request: GatewayRequest, match: RouteMatch): APIGatewayProxyEventV2 | undefined {
  const queryAt = request.url.indexOf('?');
  const rawQueryString = queryAt < 0 ? '' : request.url.slice(queryAt + 1);
  // Null-prototype maps: a header or parameter named __proto__ is just a name.
  const headers: Record<string, string> = Object.create(null);
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
    } else if (!name.startsWith('x-forwarded-')) {
      headers[name] = name in headers ? `${headers[name]},${value}` : value;
    }
  }
  const host = headers.host ?? '';
  // A Host that is not a host name (with optional port) would end up in issuer URLs; refuse it.
  if (!/^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(host)) return undefined;
  const now = new Date();
  const requestId = randomUUID();
  Object.assign(headers, {
    'x-forwarded-for': request.sourceIp,
    'x-forwarded-proto': request.protocol,
    'x-forwarded-port': host.match(/:(\d+)$/)?.[1] ?? (request.protocol === 'https' ? '443' : '80'),
    'x-amzn-trace-id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${requestId.replaceAll('-', '').slice(0, 24)}`,
  });
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(request.url.slice(0, queryAt < 0 ? undefined : queryAt));
  } catch {
    return undefined;
  }
  const textual = isTextual(headers['content-type']);
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: decodedPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: parseQuery(rawQueryString) } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: {
        method: request.method,
        path: decodedPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    ...(request.body.length
      ? { body: textual ? request.body.toString('utf8') : request.body.toString('base64'), isBase64Encoded: !textual }
      : { isBase64Encoded: false }),
  };
}

/** What the signature covers: the request as received, headers lower-cased (repeats joined with commas). */
function receivedRequest(request: GatewayRequest, rawPath: string, queryAt: number): ReceivedRequest {
  const headers: Record<string, string> = Object.create(null);
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { method: request.method, rawPath, rawQuery: queryAt < 0 ? '' : request.url.slice(queryAt + 1), headers, body: request.body };
}

/** Payload 2.0 response mapping, including API Gateway's inference for results without a statusCode. */
export function fromApiGatewayResult(result: APIGatewayProxyResultV2): GatewayResponse {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = result.body ?? '';
  return {
    statusCode: result.statusCode ?? 200,
    headers,
    cookies: result.cookies ?? [],
    body: result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
  };
}

/** Bridges a Node HTTP server to the gateway. */
export async function serveNodeRequest(req: IncomingMessage, res: ServerResponse, protocol: 'http' | 'https' = 'http') {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return writeResponse(res, gatewayError(413, 'Request Entity Too Large'));
    chunks.push(chunk as Buffer);
  }
  const response = await handleGatewayRequest({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    rawHeaders: req.rawHeaders,
    body: Buffer.concat(chunks),
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    protocol,
  });
  writeResponse(res, response);
}

function writeResponse(res: ServerResponse, response: GatewayResponse): void {
  const headers: Record<string, string | string[]> = { ...response.headers, 'content-length': String(response.body.length) };
  if (response.cookies.length) headers['set-cookie'] = response.cookies;
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
}

export function gatewayError(statusCode: number, message: string): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

function loadHandler(route: Route): Promise<{ handler: LambdaHandler }> {
  let loaded = modules.get(route.fn);
  if (!loaded) {
    loaded = import(pathToFileURL(resolve(repoRoot, 'functions', `${route.fn}.ts`)).href) as Promise<{ handler: LambdaHandler }>;
    modules.set(route.fn, loaded);
  }
  return loaded;
}

function lambdaContext(route: Route, requestId: string): Context {
  const deadline = Date.now() + functionTimeoutSeconds(route.fn) * 1000;
  const functionName = `gatehouse-${route.fn.replaceAll('/', '-')}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Content types API Gateway passes as text; everything else arrives base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || /^application\/([\w.+-]+\+)?(json|xml|javascript)$/.test(type);
}

/** Decoded query parameters; repeated names joined with commas, as payload 2.0 does. */
function parseQuery(rawQueryString: string): Record<string, string> {
  const parameters: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

/** `22/Nov/2026:14:10:57 +0000`, API Gateway's requestContext.time format. */
function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}
