import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalEvents, type LocalEvents } from '../../bin/local/events/local-events.js';
import type { BusEvent } from '../../bin/local/events/local-bus.js';
import { startSesLocal, type RunningSesLocal } from '../../bin/local/ses-local.js';
import { verifyGatehouseSignature } from '../../examples/balance-sync/src/verify-signature.js';
import { eventListenerRecord } from '../../shared/events/listeners/listener.js';
import { recordEvent } from '../../shared/events/record-event.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { realmConfigChanged } from '../../shared/realm/config-changes.js';
import { createRealm, realmCreation } from '../../shared/realm/create-realm.js';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig, type RealmConfig } from '../../shared/realm/realm-config.js';
import { realmKey } from '../../shared/store/keys.js';
import type { Store } from '../../shared/store/store.js';
import { useFreshEnvironment } from '../support/tables.js';

/**
 * The local pipeline on DynamoDB Local (DESIGN.md §2, §10): event items written by the services →
 * the table's stream → the publisher → the in-process bus → webhook (signed), email (SES stand-in)
 * and log listeners; the stream position survives a restart, so nothing is replayed or skipped.
 */

const SECRET = 'pipeline-webhook-secret-000';
let store: Store;
let dataDir: string;
let events: LocalEvents;
let ses: RunningSesLocal;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const onBus: BusEvent[] = [];
let realm: RealmConfig;
let aliceId: string;

async function start(): Promise<LocalEvents> {
  const started = await startLocalEvents({
    store,
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
    directory: join(dataDir, 'events'),
    sesEndpoint: ses.url,
    mailFrom: 'gatehouse@example.com',
  });
  started.bus.subscribe({ source: ['gatehouse'], 'detail-type': ['UserEvent', 'AdminEvent'] }, (event) => onBus.push(event));
  return started;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  ({ store, dataDir } = await useFreshEnvironment({ stream: true }));
  ses = await startSesLocal(0);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

  const created = await createRealm(realmCreation(store, keyProviders()), { realm: 'pipeline', enabled: true, eventsListeners: ['jboss-logging', 'email', 'webhook'] });
  await store.transact([
    {
      kind: 'create',
      item: eventListenerRecord(created.id, { id: 'hook', type: 'webhook', enabled: true, url: receiverUrl, secret: SECRET, eventTypes: ['REGISTER', 'LOGIN_ERROR'], includeAdminEvents: false }),
      onConflict: () => new Error('exists'),
    },
    { kind: 'bumpConfigVersion', key: realmKey(created.id) },
  ]);
  realmConfigChanged(created.id);
  realm = (await loadRealmConfig(store, created.id))!;
  aliceId = (await createUser(store, realm, { username: 'alice', email: 'alice@example.com', emailVerified: true })).id;
  events = await start();
}, 60_000);

afterAll(async () => {
  await events?.stop();
  await ses?.stop();
  receiver?.close();
});

describe('local event pipeline', () => {
  it('puts a recorded event on the bus as Keycloak\'s representation with its id and realmName', async () => {
    await recordEvent(store, realm, { type: 'REGISTER', userId: aliceId, clientId: 'account', ipAddress: '203.0.113.7' });
    const event = await waitFor('REGISTER on the bus', () => onBus.find((e) => e.detail.type === 'REGISTER'));
    expect(event).toMatchObject({ source: 'gatehouse', 'detail-type': 'UserEvent' });
    expect(event.detail).toMatchObject({ type: 'REGISTER', userId: aliceId, realmId: realm.realm.id, realmName: 'pipeline', clientId: 'account', ipAddress: '203.0.113.7' });
    expect(typeof event.detail.id).toBe('string');
  });

  it('delivers it to the webhook with the signature over the raw body and the event id header', async () => {
    const delivery = await waitFor('the webhook delivery', () => received.find((r) => r.body.includes('"REGISTER"')));
    const body = JSON.parse(delivery.body) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'REGISTER', userId: aliceId, realmName: 'pipeline' });
    expect(delivery.headers['gatehouse-event-id']).toBe(body.id);
    expect(delivery.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(verifyGatehouseSignature(delivery.headers['gatehouse-signature'] as string, delivery.body, SECRET, 60)).toBe(true);
    expect(verifyGatehouseSignature(delivery.headers['gatehouse-signature'] as string, delivery.body, 'another-secret-0000', 60)).toBe(false);
  });

  it("mails LOGIN_ERROR to the user through SES, as Keycloak's email listener, and sends nothing for other types", async () => {
    await recordEvent(store, realm, { type: 'LOGIN', userId: aliceId, clientId: 'account', ipAddress: '203.0.113.7' });
    await recordEvent(store, realm, { type: 'LOGIN_ERROR', userId: aliceId, clientId: 'account', ipAddress: '203.0.113.8', error: 'invalid_user_credentials' });
    const mails = await waitFor('the mail', async () => {
      const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: { from: string; destination: { to: string[] }; subject: string; body: { text: string } }[] };
      return store.emails.length > 0 && store.emails;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'gatehouse@example.com', destination: { to: ['alice@example.com'] }, subject: 'Login error' });
    expect(mails[0]!.body.text).toContain('from 203.0.113.8. If this was not you, please contact an administrator.');
  });

  it('writes no event item for what no listener takes and the realm does not save', async () => {
    const before = onBus.length;
    await recordEvent(store, realm, { type: 'CODE_TO_TOKEN', userId: aliceId, clientId: 'account' });
    await recordEvent(store, realm, { type: 'REGISTER', userId: aliceId, clientId: 'account', details: { marker: 'after' } });
    await waitFor('the later event', () => onBus.find((e) => (e.detail.details as Record<string, string> | undefined)?.marker === 'after'));
    expect(onBus.slice(before).map((e) => e.detail.type)).toEqual(['REGISTER']);
  });

  it('resumes after a restart from where it stopped: events written while stopped arrive, none twice', async () => {
    // The previous test waited for the bus only; its webhook delivery may still be on its way.
    await waitFor('the earlier delivery', () => received.find((r) => r.body.includes('"marker":"after"')));
    await waitFor('quiet', async () => (await events.files.pending()).length === 0);
    await events.stop();
    await recordEvent(store, realm, { type: 'REGISTER', userId: aliceId, details: { marker: 'while-stopped' } });
    events = await start();
    await waitFor('the event written while stopped', () => received.find((r) => r.body.includes('while-stopped')));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = received.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(ids.length - new Set(ids).size).toBe(0);
    expect(received.filter((r) => r.body.includes('while-stopped'))).toHaveLength(1);
  });
});
