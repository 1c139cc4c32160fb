import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AwsCredentials } from './sigv4-json-signer.js';
import { signJsonPost } from './sigv4-json-signer.js';
import { DynamoDbError, errorFromResponse } from './dynamodb-error.js';
import { requestToWire, responseFromWire } from './document-marshalling.js';
import { backoffMs, MAX_ATTEMPTS, retryKind } from './retry-rules.js';
import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  ConsumedCapacity,
  DataPlane,
  DeleteItemInput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  QueryInput,
  QueryOutput,
  TransactWriteItemsInput,
  UpdateItemInput,
  WriteItemOutput,
} from './document-types.js';

export interface DynamoDbJsonClientOptions {
  /** Endpoint URL (DynamoDB Local); default DynamoDB's regional endpoint. */
  readonly endpoint?: string | undefined;
  /** Default AWS_REGION (Lambda sets it), else AWS_DEFAULT_REGION. */
  readonly region?: string | undefined;
  /** Default: the AWS default credential chain (the environment in Lambda bundles, lib/bundling.ts). */
  readonly credentials?: () => Promise<AwsCredentials>;
  /** Per attempt, from sending to the last byte of the answer. Default 10 s. */
  readonly attemptTimeoutMs?: number;
}

/** What an observer learns of each call (capacity accounting, benchmarks). */
export interface CallRecord {
  readonly operation: string;
  readonly consumedCapacity: readonly ConsumedCapacity[];
  readonly failed: boolean;
}

type Observer = (call: CallRecord) => void;

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * DynamoDB's data plane as it is on the wire: each call is one SigV4-signed `POST /` of a JSON body
 * (the AWS JSON 1.0 protocol, X-Amz-Target names the operation) over a keep-alive connection, with the
 * AWS SDK's standard retry rules. Items go in and come out as plain values. It replaces the v3 SDK's
 * document client on the request path: the same call costs about a third of the client CPU
 * (BENCHMARKS.md, "one DynamoDB call") and ~170 KB less in every function bundle.
 */
export class DynamoDbJsonClient implements DataPlane {
  private readonly url: URL;
  private readonly region: string;
  private readonly credentials: () => Promise<AwsCredentials>;
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly attemptTimeoutMs: number;
  private readonly observers = new Set<Observer>();
  private consumedCapacityRequests = 0;
  private cachedCredentials: AwsCredentials | undefined;

  constructor(options: DynamoDbJsonClientOptions = {}) {
    const region = options.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
    if (!region) throw new Error('No AWS region for DynamoDB: set AWS_REGION');
    this.region = region;
    this.url = new URL(options.endpoint ?? regionalEndpoint(region));
    const secure = this.url.protocol === 'https:';
    // Keep-alive, as the SDK's handler: a call reuses a warm connection instead of a new TCP/TLS handshake.
    this.agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 50 }) : new HttpAgent({ keepAlive: true, maxSockets: 50 });
    this.request = secure ? httpsRequest : httpRequest;
    this.credentials = options.credentials ?? (defaultProvider() as () => Promise<AwsCredentials>);
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  }

  getItem(input: GetItemInput): Promise<GetItemOutput> {
    return this.call('GetItem', input);
  }

  putItem(input: PutItemInput): Promise<WriteItemOutput> {
    return this.call('PutItem', input);
  }

  updateItem(input: UpdateItemInput): Promise<WriteItemOutput> {
    return this.call('UpdateItem', input);
  }

  deleteItem(input: DeleteItemInput): Promise<WriteItemOutput> {
    return this.call('DeleteItem', input);
  }

  query(input: QueryInput): Promise<QueryOutput> {
    return this.call('Query', input);
  }

  transactWriteItems(input: TransactWriteItemsInput): Promise<object> {
    return this.call('TransactWriteItems', input);
  }

  batchWriteItem(input: BatchWriteItemInput): Promise<BatchWriteItemOutput> {
    return this.call('BatchWriteItem', input);
  }

  /**
   * Tells `observer` about every call from now on. With `consumedCapacity`, calls ask DynamoDB for
   * ReturnConsumedCapacity TOTAL while the observer is subscribed. Returns the unsubscribe function.
   */
  observe(observer: Observer, options: { consumedCapacity?: boolean } = {}): () => void {
    this.observers.add(observer);
    if (options.consumedCapacity) this.consumedCapacityRequests++;
    return () => {
      if (this.observers.delete(observer) && options.consumedCapacity) this.consumedCapacityRequests--;
    };
  }

  /** Closes idle keep-alive connections (tools and tests that end; a Lambda container never needs it). */
  destroy(): void {
    this.agent.destroy();
  }

  private async call<T>(operation: string, input: object): Promise<T> {
    const wire = requestToWire(operation, input as Record<string, unknown>);
    // A copy: the wire form may be the caller's own object when it holds no documents.
    const body = JSON.stringify(this.consumedCapacityRequests > 0 ? { ...wire, ReturnConsumedCapacity: 'TOTAL' } : wire);
    try {
      const output = await this.withRetries(operation, body);
      this.notify(operation, output['ConsumedCapacity'], false);
      return responseFromWire(operation, output) as T;
    } catch (error) {
      this.notify(operation, undefined, true);
      throw error;
    }
  }

  private async withRetries(operation: string, body: string): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(operation, body);
      } catch (error) {
        const kind = retryKind(error);
        if (kind === 'none' || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, kind)));
      }
    }
  }

  private async attempt(operation: string, body: string): Promise<Record<string, unknown>> {
    const headers = signJsonPost({
      credentials: await this.currentCredentials(),
      region: this.region,
      service: 'dynamodb',
      host: this.url.host,
      target: TARGET_PREFIX + operation,
      contentType: CONTENT_TYPE,
      body,
      now: new Date(),
    });
    const { statusCode, text } = await this.post(body, headers);
    if (statusCode === 200) return JSON.parse(text) as Record<string, unknown>;
    throw errorFromResponse(statusCode, text);
  }

  private post(body: string, headers: Record<string, string>): Promise<{ statusCode: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = this.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          path: '/',
          method: 'POST',
          agent: this.agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            clearTimeout(timer);
            resolve({ statusCode: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          response.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
          });
        },
      );
      const timer = setTimeout(() => request.destroy(Object.assign(new Error('DynamoDB did not answer in time'), { name: 'TimeoutError' })), this.attemptTimeoutMs);
      // A pending attempt's timer never keeps a finished tool (npm run export) from exiting.
      timer.unref();
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }

  /** The chain's credentials, fetched again only when they are about to expire (role credentials). */
  private async currentCredentials(): Promise<AwsCredentials> {
    const cached = this.cachedCredentials;
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > REFRESH_BEFORE_EXPIRY_MS)) return cached;
    this.cachedCredentials = await this.credentials();
    return this.cachedCredentials;
  }

  private notify(operation: string, consumed: unknown, failed: boolean): void {
    if (this.observers.size === 0) return;
    const consumedCapacity = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as ConsumedCapacity[];
    for (const observer of this.observers) observer({ operation, consumedCapacity, failed });
  }
}

/** DynamoDB's regional endpoint (China regions have their own domain). */
function regionalEndpoint(region: string): string {
  return `https://dynamodb.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

export { DynamoDbError };
