import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest, QueryParameterBag } from '@smithy/types';
import { NodeSha256 } from './sigv4-sha256.js';

/**
 * The local stand-in for API Gateway's IAM authorizer (DESIGN.md §9): a request on an `iam` route must
 * carry a valid AWS Signature Version 4 (header form) made with the credentials the local runtime was
 * started with, for its region and service `execute-api`. The signature is recomputed with
 * @smithy/signature-v4 over what was received — method, path as sent, query, the signed headers, the
 * body — and compared in constant time. Anything missing, malformed, signed by another key, for
 * another scope, or dated more than 15 minutes from now (SigV4's allowed skew) is refused.
 */

/** Who signs for the local runtime, and who API Gateway would say they are. */
export interface SigningIdentity {
  readonly credentials: AwsCredentialIdentity;
  readonly region: string;
  readonly accountId: string;
  readonly userArn: string;
  readonly userId: string;
}

export interface ReceivedRequest {
  readonly method: string;
  /** Path as sent, still percent-encoded. */
  readonly rawPath: string;
  /** Query string as sent, without `?`. */
  readonly rawQuery: string;
  /** Lower-cased names; repeated headers joined with commas. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** requestContext.authorizer.iam of API Gateway's payload format 2.0. */
export interface IamAuthorizerContext {
  readonly accessKey: string;
  readonly accountId: string;
  readonly callerId: string;
  readonly cognitoIdentity: null;
  readonly principalOrgId: null;
  readonly userArn: string;
  readonly userId: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60 * 1000;
const EMPTY = Symbol('refused');

interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/region/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  if (!value?.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const scope = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders')?.split(';');
  const signature = fields.get('Signature');
  if (!scope || scope.length !== 5 || scope[4] !== 'aws4_request' || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders, signature };
}

/** `20260101T120000Z` → epoch ms. */
function parseAmzDate(value: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(time) ? undefined : time;
}

/** The query as the signer reads it: decoded names and values ('+' is a plus), repeated names as lists. */
function parseQuery(raw: string): QueryParameterBag | typeof EMPTY {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
      value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1));
    } catch {
      return EMPTY;
    }
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The IAM identity of a correctly signed request, or undefined (API Gateway answers 403). `service`
 * is `execute-api` for API Gateway; tests may check other published vectors.
 */
export async function verifySigV4(request: ReceivedRequest, identity: SigningIdentity, now = Date.now(), service = 'execute-api'): Promise<IamAuthorizerContext | undefined> {
  try {
    const auth = parseAuthorization(request.headers['authorization']);
    if (!auth || auth.accessKeyId !== identity.credentials.accessKeyId || auth.region !== identity.region || auth.service !== service) return undefined;
    const amzDate = request.headers['x-amz-date'];
    const signingTime = parseAmzDate(amzDate);
    if (signingTime === undefined || amzDate!.slice(0, 8) !== auth.date || Math.abs(now - signingTime) > MAX_SKEW_MS) return undefined;
    // Signed header names are lower-case, sorted and unique, and always include the host.
    const names = auth.signedHeaders;
    if (!names.includes('host') || names.some((name, i) => name !== name.toLowerCase() || (i > 0 && names[i - 1]! >= name))) return undefined;
    if (names.some((name) => request.headers[name] === undefined)) return undefined;
    // A session token, when the credentials have one, must be the one sent and signed.
    const token = identity.credentials.sessionToken;
    if ((token ?? undefined) !== request.headers['x-amz-security-token'] || (token !== undefined && !names.includes('x-amz-security-token'))) return undefined;
    // A declared body hash is what the signature covers: it must be the body's.
    const declaredHash = names.includes('x-amz-content-sha256') ? request.headers['x-amz-content-sha256'] : undefined;
    if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) return undefined;
    const query = parseQuery(request.rawQuery);
    if (query === EMPTY) return undefined;

    // Null prototype: a signed header named __proto__ is just a name.
    const headers: Record<string, string> = Object.create(null);
    for (const name of names) headers[name] = request.headers[name]!;
    const host = headers['host']!;
    const unsigned: HttpRequest = {
      method: request.method.toUpperCase(),
      protocol: 'https:',
      hostname: host.replace(/:\d+$/, ''),
      path: request.rawPath,
      query,
      headers,
      ...(request.body.length > 0 ? { body: request.body } : {}),
    };
    const signer = new SignatureV4({ credentials: identity.credentials, region: identity.region, service, sha256: NodeSha256, applyChecksum: false });
    const signed = await signer.sign(unsigned, { signingDate: new Date(signingTime), signableHeaders: new Set(names) });
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers['authorization']))?.[1];
    if (!expected || !sameSignature(expected, auth.signature)) return undefined;
    return {
      accessKey: auth.accessKeyId,
      accountId: identity.accountId,
      callerId: identity.userId,
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: identity.userArn,
      userId: identity.userId,
    };
  } catch {
    // Whatever the client sent, a request that cannot be verified is refused, never a 500.
    return undefined;
  }
}
