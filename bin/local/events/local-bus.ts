import { randomUUID } from 'node:crypto';
import { matchesPattern, type EventPattern } from '../../../shared/events/listeners/event-pattern.js';
import { deliveryRule, DETAIL_TYPE, webhookRule, type DeliveryDetail } from '../../../shared/events/listeners/rules.js';
import type { BusEntry, EventBus, PutResult } from '../../../shared/events/publisher/event-bus.js';
import { log } from '../../../shared/log/logger.js';
import type { DeliveryQueue } from './delivery-queue.js';

/** An event as EventBridge hands it to a target. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: Record<string, unknown>;
}

export interface LocalBusTargets {
  readonly queue: DeliveryQueue;
  /** A webhook listener's current URL (undefined: gone or disabled, so its rule no longer exists). */
  readonly webhookUrl: (realmId: string, listenerId: string) => Promise<string | undefined>;
}

/**
 * The local stand-in for the EventBridge bus (DESIGN.md §2): entries are accepted at once and matched
 * against the same rules as on AWS — the email and log listener rules, and each webhook listener's
 * rule (the one the listener sync creates there) — then handed to the delivery queue (retries,
 * dead letters). `subscribe` adds rules of your own, as anyone can add rules to the bus on AWS.
 */
export class LocalBus implements EventBus {
  private readonly subscribers = new Set<{ pattern: EventPattern; handler: (event: BusEvent) => void }>();
  private readonly dispatching = new Set<Promise<void>>();

  constructor(private readonly targets: LocalBusTargets) {}

  async put(entries: readonly BusEntry[]): Promise<PutResult[]> {
    return entries.map((entry) => {
      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: (entry.Time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: process.env.AWS_REGION ?? 'us-east-1',
        resources: [],
        detail: JSON.parse(entry.Detail) as Record<string, unknown>,
      };
      const dispatch = this.dispatch(event).catch((error: unknown) => log('error', 'local bus dispatch failed', { id: event.id, error }));
      this.dispatching.add(dispatch);
      void dispatch.finally(() => this.dispatching.delete(dispatch));
      return { ok: true as const };
    });
  }

  /** A rule of your own on the local bus; answers a function that removes it. */
  subscribe(pattern: EventPattern, handler: (event: BusEvent) => void): () => void {
    const subscriber = { pattern, handler };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Waits for entries being dispatched (the deliveries themselves run on in the queue). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.dispatching]);
  }

  private async dispatch(event: BusEvent): Promise<void> {
    for (const { pattern, handler } of this.subscribers) if (matchesPattern(pattern, event)) handler(event);
    if (event['detail-type'] !== DETAIL_TYPE.delivery) return;
    const delivery = event.detail as unknown as DeliveryDetail;
    const queued = { id: event.id, delivery, firstAttemptAt: Date.now(), attempts: 0 };
    if (matchesPattern(deliveryRule('log').pattern, event)) {
      // The log listener's target on AWS is a log group receiving `$.detail.event`: one JSON line each.
      log('info', 'gatehouse event', { event: delivery.event, listenerId: delivery.listenerId });
    } else if (matchesPattern(deliveryRule('email').pattern, event)) {
      await this.targets.queue.enqueue({ ...queued, target: 'email' });
    } else if (delivery.listenerType === 'webhook' && matchesPattern(webhookRule(delivery.listenerId).pattern, event)) {
      const url = await this.targets.webhookUrl(delivery.realmId, delivery.listenerId);
      if (!url) return log('warn', 'webhook listener gone; delivery dropped', { listenerId: delivery.listenerId, eventId: delivery.event.id });
      await this.targets.queue.enqueue({ ...queued, target: 'webhook', url });
    }
  }
}
