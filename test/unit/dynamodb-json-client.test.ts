import { SignatureV4 } from '@smithy/signature-v4';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../shared/crypto/sigv4-sha256.js';
import { requestToWire, responseFromWire } from '../../shared/store/dynamodb/document-marshalling.js';
import { DynamoDbError, DynamoDbJsonClient, type CallRecord } from '../../shared/store/dynamodb/dynamodb-json-client.js';
import { signJsonPost } from '../../shared/store/dynamodb/sigv4-json-signer.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe('SigV4 for JSON POSTs', () => {
  const body = JSON.stringify({ TableName: 'gatehouse', Key: { pk: { S: 'R#1' }, sk: { S: 'REALM' } } });
  const now = new Date('2026-11-22T12:34:56.789Z');

  for (const sessionToken of [undefined, 'FQoGZXIvYXdzEXAMPLETOKEN']) {
    it(`signs exactly as the AWS SDK's signer does${sessionToken ? ' (with a session token)' : ''}`, async () => {
      const identity = { ...credentials, ...(sessionToken ? { sessionToken } : {}) };
      const ours = signJsonPost({
        credentials: identity,
        region: 'eu-west-1',
        service: 'dynamodb',
        host: 'dynamodb.eu-west-1.amazonaws.com',
        target: 'DynamoDB_20120810.GetItem',
        contentType: 'application/x-amz-json-1.0',
        body,
        now,
      });
      const sdk = new SignatureV4({ service: 'dynamodb', region: 'eu-west-1', credentials: identity, sha256: NodeSha256, applyChecksum: false });
      const signed = await sdk.sign(
        {
          method: 'POST',
          protocol: 'https:',
          hostname: 'dynamodb.eu-west-1.amazonaws.com',
          path: '/',
          query: {},
          headers: { host: 'dynamodb.eu-west-1.amazonaws.com', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
          body,
        },
        { signingDate: now },
      );
      expect(ours['authorization']).toBe(signed.headers['authorization']);
      expect(ours['x-amz-date']).toBe('20261122T123456Z');
      expect(ours['x-amz-security-token']).toBe(sessionToken);
    });
  }
});

describe('document marshalling', () => {
  it('marshals the items, keys and values of transactions and batches, and unmarshals answers', () => {
    const wire = requestToWire('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: 'a', n: 1, tags: ['x'], gone: undefined }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: 't', Key: { pk: 'b', sk: 'c' }, UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 } } },
      ],
    });
    expect(wire).toEqual({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: { S: 'a' }, n: { N: '1' }, tags: { L: [{ S: 'x' }] } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: 't', Key: { pk: { S: 'b' }, sk: { S: 'c' } }, UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
      ],
    });
    expect(requestToWire('BatchWriteItem', { RequestItems: { t: [{ DeleteRequest: { Key: { pk: 'a' } } }] } })).toEqual({
      RequestItems: { t: [{ DeleteRequest: { Key: { pk: { S: 'a' } } } }] },
    });
    expect(
      responseFromWire('Query', { Items: [{ pk: { S: 'a' }, ok: { BOOL: true } }], Count: 1, LastEvaluatedKey: { pk: { S: 'a' } } }),
    ).toEqual({ Items: [{ pk: 'a', ok: true }], Count: 1, LastEvaluatedKey: { pk: 'a' } });
  });
});

/** A stand-in for DynamoDB's HTTP endpoint that answers from a script, to drive the transport rules. */
let server: Server;
let endpoint: string;
let script: ((request: IncomingMessage, body: string) => { status: number; body: unknown } | 'reset' | 'hang')[] = [];
const received: { target: string; body: Record<string, unknown>; authorization: string }[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ target: String(request.headers['x-amz-target']), body: JSON.parse(body) as Record<string, unknown>, authorization: String(request.headers.authorization) });
      const answer = script.shift()?.(request, body) ?? { status: 200, body: {} };
      if (answer === 'reset') {
        request.socket.destroy();
        return;
      }
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  script = [];
  received.length = 0;
});

const client = () => new DynamoDbJsonClient({ endpoint, region: 'us-east-1', credentials: async () => credentials });

describe('DynamoDB JSON client', () => {
  it('sends one signed JSON 1.0 POST per call and returns plain values', async () => {
    script = [() => ({ status: 200, body: { Item: { pk: { S: 'R#1' }, n: { N: '7' } } } })];
    const out = await client().getItem({ TableName: 't', Key: { pk: 'R#1', sk: 'REALM' }, ConsistentRead: true });
    expect(out.Item).toEqual({ pk: 'R#1', n: 7 });
    expect(received).toHaveLength(1);
    expect(received[0]!.target).toBe('DynamoDB_20120810.GetItem');
    expect(received[0]!.body).toEqual({ TableName: 't', Key: { pk: { S: 'R#1' }, sk: { S: 'REALM' } }, ConsistentRead: true });
    expect(received[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/);
  });

  it('names errors as the SDK does and unmarshals the item a failed condition returns', async () => {
    script = [
      () => ({
        status: 400,
        body: { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed', Item: { pk: { S: 'a' }, v: { N: '2' } } },
      }),
    ];
    const error = await client()
      .updateItem({ TableName: 't', Key: { pk: 'a' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': 3 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDbError);
    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', statusCode: 400, Item: { pk: 'a', v: 2 } });
    expect(received).toHaveLength(1);
  });

  it('reports cancellation reasons of a transaction without retrying it', async () => {
    script = [
      () => ({
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
        },
      }),
    ];
    const error = await client().transactWriteItems({ TransactItems: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }] });
    expect(received).toHaveLength(1);
  });

  it('retries 5xx answers, throttling and dropped connections, at most three attempts', async () => {
    script = [() => ({ status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError' } }), () => 'reset'];
    expect((await client().getItem({ TableName: 't', Key: { pk: 'a' } })).Item).toBeUndefined();
    expect(received).toHaveLength(3);

    received.length = 0;
    const throttled = () => ({ status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'slow down' } });
    script = [throttled, throttled, throttled, throttled];
    const error = await client().getItem({ TableName: 't', Key: { pk: 'a' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException', message: 'slow down' });
    expect(received).toHaveLength(3);
  });

  it('gives up on an attempt that gets no answer in time, and retries it', async () => {
    script = [() => 'hang', () => 'hang', () => 'hang'];
    const slow = new DynamoDbJsonClient({ endpoint, region: 'us-east-1', credentials: async () => credentials, attemptTimeoutMs: 150 });
    await expect(slow.getItem({ TableName: 't', Key: { pk: 'a' } })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(received).toHaveLength(3);
    slow.destroy();
  });

  it('never retries a request DynamoDB refused as invalid', async () => {
    script = [() => ({ status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message: 'Item size has exceeded the maximum allowed size' } })];
    await expect(client().putItem({ TableName: 't', Item: { pk: 'a' } })).rejects.toMatchObject({ name: 'ValidationException' });
    expect(received).toHaveLength(1);
  });

  it('asks for consumed capacity only while an observer wants it', async () => {
    const c = client();
    const calls: CallRecord[] = [];
    script = [() => ({ status: 200, body: { ConsumedCapacity: { TableName: 't', CapacityUnits: 1 } } }), () => ({ status: 200, body: {} })];
    const stop = c.observe((call) => calls.push(call), { consumedCapacity: true });
    await c.putItem({ TableName: 't', Item: { pk: 'a' } });
    stop();
    await c.putItem({ TableName: 't', Item: { pk: 'b' } });
    expect(received.map((r) => r.body['ReturnConsumedCapacity'])).toEqual(['TOTAL', undefined]);
    expect(calls).toEqual([{ operation: 'PutItem', consumedCapacity: [{ TableName: 't', CapacityUnits: 1 }], failed: false }]);
  });
});
