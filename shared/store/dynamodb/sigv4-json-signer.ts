import { createHash, createHmac } from 'node:crypto';

/** AWS credentials as the signer needs them (the SDK's AwsCredentialIdentity has the same fields). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly expiration?: Date | undefined;
}

export interface JsonPostToSign {
  readonly credentials: AwsCredentials;
  readonly region: string;
  /** The signing name of the service: `dynamodb`. */
  readonly service: string;
  /** The Host header as sent (`host` or `host:port`). */
  readonly host: string;
  /** X-Amz-Target: `DynamoDB_20120810.GetItem`. */
  readonly target: string;
  /** `application/x-amz-json-1.0`. */
  readonly contentType: string;
  readonly body: string;
  readonly now: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Signature Version 4 for the one request shape the AWS JSON protocols use: `POST /` with no query,
 * a JSON body and the target in X-Amz-Target (AWS General Reference, "Create a signed AWS API request":
 * canonical request → string to sign → HMAC chain). Written for this shape only, so a call signs with
 * four hashes and no generic header canonicalization; the signing key is derived once per day,
 * region and secret. Returns every header the request must carry, lower-cased.
 */
export function signJsonPost(request: JsonPostToSign): Record<string, string> {
  const amzDate = request.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    host: request.host,
    'x-amz-date': amzDate,
    ...(request.credentials.sessionToken ? { 'x-amz-security-token': request.credentials.sessionToken } : {}),
    'x-amz-target': request.target,
  };
  // Canonical headers: lower-case names in code-point order (the literal above is already sorted), values trimmed.
  const names = Object.keys(headers);
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(request.body)].join('\n');
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(request.credentials.secretAccessKey, day, request.region, request.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  return {
    ...headers,
    authorization: `${ALGORITHM} Credential=${request.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

let cachedKey: { readonly id: string; readonly key: Buffer } | undefined;

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request"); one entry is enough for one service. */
function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${day}/${region}/${service}/${secret}`;
  if (cachedKey?.id === id) return cachedKey.key;
  let key = hmac(`AWS4${secret}`, day);
  key = hmac(key, region);
  key = hmac(key, service);
  key = hmac(key, 'aws4_request');
  cachedKey = { id, key };
  return key;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
