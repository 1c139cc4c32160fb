import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../bin/local/sigv4-sha256.js';
import { LOCAL_USER_ARN, useSigningIdentity } from '../../bin/local/sigv4-credentials.js';
import { iamAdminConfig } from '../../shared/admin/auth/iam-config.js';
import { routePath } from '../../shared/routes.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';

/*
 * The SigV4-signed admin paths (`/iam/...`, DESIGN.md §9) through the local gateway, which stands in
 * for API Gateway's IAM authorizer: signed with the credentials the runtime started with (the test
 * environment's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), the caller is the local IAM principal,
 * whose rights come from GATEHOUSE_IAM_ADMINS.
 */

let server: AdminServer;
const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! };

function allow(admins: string): void {
  process.env.GATEHOUSE_IAM_ADMINS = admins;
  iamAdminConfig.reset();
}

beforeAll(async () => {
  // The gateway reads the runtime's credentials from this process's environment.
  useSigningIdentity(undefined);
  allow(LOCAL_USER_ARN);
  server = await startAdminServer();
});
afterAll(async () => {
  delete process.env.GATEHOUSE_IAM_ADMINS;
  iamAdminConfig.reset();
  await server?.close();
});

/** A request signed like an AWS SDK client signs for API Gateway (service execute-api). */
async function signedFetch(method: string, path: string, options: { body?: unknown; secret?: string; sendBody?: string } = {}): Promise<{ status: number; json: any }> {
  const url = new URL(`${server.baseUrl}${path}`);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const signer = new SignatureV4({
    credentials: { ...credentials, ...(options.secret ? { secretAccessKey: options.secret } : {}) },
    region: process.env.AWS_REGION!,
    service: 'execute-api',
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const query = Object.fromEntries(url.searchParams);
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
  });
  const response = await fetch(url, { method, headers: signed.headers as Record<string, string>, ...(body ? { body: options.sendBody ?? body } : {}) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

describe('SigV4-signed admin access', () => {
  it('lists realms for a signed request from an allowed principal', async () => {
    const answer = await signedFetch('GET', routePath('iam.admin.realms'));
    expect(answer.status).toBe(200);
    expect(answer.json.map((realm: { realm: string }) => realm.realm)).toContain('master');
  });

  it('refuses unsigned and wrongly signed requests with API Gateway\'s 403', async () => {
    const unsigned = await fetch(`${server.baseUrl}${routePath('iam.admin.realms')}`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ message: 'Forbidden' });
    // A bearer token is no signature.
    expect((await server.call('GET', routePath('iam.admin.realms'))).status).toBe(403);
    expect((await signedFetch('GET', routePath('iam.admin.realms'), { secret: 'not-the-secret' })).status).toBe(403);
  });

  it('refuses a body changed after signing', async () => {
    const path = `${routePath('iam.admin.events', { realm: 'master' })}/config`;
    const tampered = await signedFetch('PUT', path, { body: { eventsEnabled: false }, sendBody: JSON.stringify({ eventsEnabled: true }) });
    expect(tampered).toEqual({ status: 403, json: { message: 'Forbidden' } });
  });

  it('names the IAM principal in admin events', async () => {
    const path = `${routePath('iam.admin.events', { realm: 'master' })}/config`;
    const update = await signedFetch('PUT', path, { body: { eventsEnabled: false, adminEventsEnabled: true, adminEventsDetailsEnabled: true } });
    expect(update.status).toBe(204);
    const events = await signedFetch('GET', `${routePath('iam.admin.admin-events', { realm: 'master' })}?resourcePath=events/config`);
    expect(events.status).toBe(200);
    expect(events.json[0]).toMatchObject({ operationType: 'UPDATE', resourceType: 'REALM', authDetails: { realmId: 'master', userId: LOCAL_USER_ARN, ipAddress: '127.0.0.1' } });
  });

  it('refuses a signed caller that GATEHOUSE_IAM_ADMINS does not name', async () => {
    allow('arn:aws:iam::000000000000:user/someone-else');
    try {
      const answer = await signedFetch('GET', routePath('iam.admin.realms'));
      expect(answer).toEqual({ status: 403, json: { error: 'HTTP 403 Forbidden' } });
    } finally {
      allow(LOCAL_USER_ARN);
    }
  });
});
