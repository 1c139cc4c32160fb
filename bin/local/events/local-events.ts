import { join } from 'node:path';
import { sesMailer } from '../../../shared/events/listeners/email/mailer.js';
import { sendEventMail } from '../../../shared/events/listeners/email/send-event-mail.js';
import { webhookBody } from '../../../shared/events/listeners/rules.js';
import { signatureHeader } from '../../../shared/events/listeners/signature.js';
import { publishRecords } from '../../../shared/events/publisher/publish-records.js';
import { realmListenersLookup, realmLookup } from '../../../shared/events/realm-lookup.js';
import { log } from '../../../shared/log/logger.js';
import type { Store } from '../../../shared/store/store.js';
import { DeliveryFiles, type StoredDelivery } from './delivery-files.js';
import { DeliveryQueue, localBackoff, type BackoffPolicy } from './delivery-queue.js';
import { LocalBus } from './local-bus.js';
import { startStreamPoller } from './stream-poller.js';
import { sendWebhook } from './webhook-sender.js';

export interface LocalEventsOptions {
  readonly store: Store;
  readonly dynamoDbEndpoint: string | undefined;
  /** `<data dir>/events`: checkpoint, pending deliveries, dead letters. */
  readonly directory: string;
  readonly sesEndpoint: string | undefined;
  readonly mailFrom: string;
  readonly backoff?: BackoffPolicy;
}

export interface LocalEvents {
  readonly bus: LocalBus;
  readonly files: DeliveryFiles;
  stop(): Promise<void>;
}

/** How often the bus looks for dead letters the CLI sent back (`npm run events -- dlq redrive`). */
const REDRIVE_POLL_MS = 500;

/**
 * The events pipeline of `npm start` (DESIGN.md §2, §10): DynamoDB Local's stream → the same
 * publisher as the Lambda function → the in-process bus with the same rules → webhook, email and log
 * targets with retries and a dead-letter store on disk.
 */
export async function startLocalEvents(options: LocalEventsOptions): Promise<LocalEvents> {
  const realms = realmLookup(options.store);
  const listener = async (realmId: string, listenerId: string) => {
    const config = await realms(realmId, undefined);
    return config?.eventListeners.find((record) => record.rep.id === listenerId)?.rep;
  };
  const mailer = sesMailer(options.sesEndpoint);
  const files = new DeliveryFiles(options.directory);
  await files.ensure();
  const queue = new DeliveryQueue(
    files,
    {
      webhook: sendWebhook,
      email: async (delivery) => {
        await sendEventMail(delivery.delivery, {
          store: options.store,
          mailer,
          realm: async (realmId, realmName) => (await realms(realmId, realmName))?.realm.rep,
          defaultFrom: options.mailFrom,
        });
        return { ok: true };
      },
    },
    options.backoff ?? localBackoff,
  );
  const bus = new LocalBus({
    queue,
    webhookUrl: async (realmId, listenerId) => {
      const found = await listener(realmId, listenerId);
      return found?.enabled ? found.url : undefined;
    },
  });
  const resumed = await queue.resume();
  if (resumed > 0) log('info', 'resuming local event deliveries', { count: resumed });

  const publisherRealms = realmListenersLookup(options.store);
  const poller = await startStreamPoller({
    endpoint: options.dynamoDbEndpoint,
    tableName: options.store.tableName,
    checkpointFile: join(options.directory, 'stream-checkpoint.json'),
    handle: (records) => publishRecords(records, { bus, realm: publisherRealms }),
  });

  // A redriven webhook delivery is signed again with the listener's current secret and URL: the
  // original timestamp may be older than a receiver's tolerance.
  const redrive = async () => {
    for (const dead of await files.takeRedrives()) {
      const again: StoredDelivery = { id: dead.id, target: dead.target, delivery: dead.delivery, firstAttemptAt: Date.now(), attempts: 0 };
      if (dead.target !== 'webhook') {
        await queue.enqueue(again);
        continue;
      }
      const current = await listener(dead.delivery.realmId, dead.delivery.listenerId);
      if (!current?.url || !current.secret) {
        await files.deadLetter({ ...dead, error: { message: 'The webhook listener no longer exists' }, failedAt: Date.now() });
        continue;
      }
      const signature = signatureHeader(current.secret, webhookBody(dead.delivery));
      await queue.enqueue({ ...again, url: current.url, delivery: { ...dead.delivery, signature } });
    }
  };
  let redriving = Promise.resolve();
  const redriveTimer = setInterval(() => {
    redriving = redriving.then(redrive).catch((error: unknown) => log('warn', 'redrive failed', { error }));
  }, REDRIVE_POLL_MS);

  return {
    bus,
    files,
    async stop() {
      clearInterval(redriveTimer);
      await redriving;
      await poller.stop();
      await bus.settled();
      await queue.stop();
    },
  };
}
