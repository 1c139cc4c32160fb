import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailError } from '../../shared/mail/mail.js';
import { sesMail } from '../../shared/mail/ses-mail.js';

/* The SES v2 SendEmail request the mail adapter signs and sends, and how it reports a refusal. */

const seen: { request: IncomingMessage; body: string }[] = [];
let answer: { status: number; headers?: Record<string, string>; body: string } = { status: 200, body: '{"MessageId":"m-1"}' };
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    seen.push({ request, body });
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
  });
});
let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const message = { from: 'id@example.com', to: 'alice@example.com', subject: 'Verify', text: 'Click', html: '<p>Click</p>' };

describe('SES mail adapter', () => {
  it('posts SendEmail to /v2/email/outbound-emails, signed for ses in the region', async () => {
    answer = { status: 200, body: '{"MessageId":"m-1"}' };
    await sesMail({ endpoint, region: 'eu-west-1', credentials }).send(message);
    const { request, body } = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2/email/outbound-emails');
    expect(request.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/ses\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    expect(JSON.parse(body)).toEqual({
      FromEmailAddress: 'id@example.com',
      Destination: { ToAddresses: ['alice@example.com'] },
      Content: { Simple: { Subject: { Data: 'Verify', Charset: 'UTF-8' }, Body: { Text: { Data: 'Click', Charset: 'UTF-8' }, Html: { Data: '<p>Click</p>', Charset: 'UTF-8' } } } },
    });
  });

  it('rejects with MailError carrying SES\'s error type and message', async () => {
    answer = { status: 400, headers: { 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/' }, body: '{"message":"Email address is not verified."}' };
    const sent = sesMail({ endpoint, region: 'eu-west-1', credentials }).send(message);
    await expect(sent).rejects.toBeInstanceOf(MailError);
    await expect(sent).rejects.toThrow('SES refused the mail: 400 MessageRejected: Email address is not verified.');
  });

  it('rejects with MailError without a region or when SES cannot be reached', async () => {
    await expect(sesMail({ endpoint, credentials }).send(message)).rejects.toThrow('no AWS region');
    await expect(sesMail({ endpoint: 'http://127.0.0.1:1', region: 'eu-west-1', credentials }).send(message)).rejects.toBeInstanceOf(MailError);
  });
});
