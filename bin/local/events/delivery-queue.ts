import { log } from '../../../shared/log/logger.js';
import { deliveryRetry } from '../../../shared/events/listeners/rules.js';
import type { DeliveryFiles, StoredDelivery } from './delivery-files.js';

/** What one attempt came to. A refusal that is not retryable dead-letters the delivery at once. */
export type AttemptResult = { readonly ok: true } | { readonly ok: false; readonly retryable: boolean; readonly status?: number; readonly message: string };

export type Sender = (delivery: StoredDelivery) => Promise<AttemptResult>;

export interface BackoffPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  /** Wait before the first retry; each retry doubles it. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * EventBridge's retry policy of the rules (shared deliveryRetry) with exponential backoff: 1 s, 2 s,
 * 4 s, ... up to 5 minutes between attempts. EventBridge documents "exponential backoff and jitter"
 * without the figures; these keep a receiver that is down for a while from being hammered, and one
 * that is back after 30 s served within about 30 s.
 */
export const localBackoff: BackoffPolicy = { ...deliveryRetry, initialDelayMs: 1000, maxDelayMs: 5 * 60_000 };

export function retryDelayMs(policy: BackoffPolicy, attemptsSoFar: number, random = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attemptsSoFar - 1));
  // Jitter only adds (up to 10%), so a receiver back on time is never tried early and missed.
  return Math.round(base * (1 + random() * 0.1));
}

/**
 * The local bus's targets with EventBridge's delivery guarantees: every delivery is on disk until it
 * is done (pending/), retried with backoff while the target fails in a retryable way, within the rule's
 * retry policy, then dead-lettered with its last error (dead-letters/).
 */
export class DeliveryQueue {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly files: DeliveryFiles,
    private readonly senders: Readonly<Record<StoredDelivery['target'], Sender>>,
    private readonly policy: BackoffPolicy = localBackoff,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues a new delivery (durably) and makes its first attempt. */
  async enqueue(delivery: StoredDelivery): Promise<void> {
    await this.files.savePending(delivery);
    this.schedule(delivery, 0);
  }

  /** Deliveries left pending by an earlier run are attempted again. */
  async resume(): Promise<number> {
    const pending = await this.files.pending();
    for (const delivery of pending) this.schedule(delivery, 0);
    return pending.length;
  }

  /** Stops scheduling and waits for attempts under way; what is pending stays on disk for the next run. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(delivery: StoredDelivery, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const attempt = this.attempt(delivery).catch((error: unknown) => log('error', 'local delivery failed unexpectedly', { id: delivery.id, error }));
      this.inFlight.add(attempt);
      void attempt.finally(() => this.inFlight.delete(attempt));
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(delivery: StoredDelivery): Promise<void> {
    let result: AttemptResult;
    try {
      result = await this.senders[delivery.target](delivery);
    } catch (error) {
      result = { ok: false, retryable: true, message: (error as Error).message };
    }
    const attempted: StoredDelivery = { ...delivery, attempts: delivery.attempts + 1 };
    if (result.ok) {
      await this.files.removePending(delivery.id);
      return;
    }
    const ageSeconds = (this.now() - delivery.firstAttemptAt) / 1000;
    const retriesLeft = attempted.attempts <= this.policy.maximumRetryAttempts && ageSeconds < this.policy.maximumEventAgeSeconds;
    const error = { ...(result.status !== undefined ? { status: result.status } : {}), message: result.message };
    if (result.retryable && retriesLeft && !this.stopped) {
      await this.files.savePending({ ...attempted, error });
      this.schedule(attempted, retryDelayMs(this.policy, attempted.attempts));
      return;
    }
    if (this.stopped && result.retryable) return;
    await this.files.deadLetter({ ...attempted, error, failedAt: this.now() });
    log('warn', 'delivery dead-lettered', { id: delivery.id, target: delivery.target, listenerId: delivery.delivery.listenerId, eventId: delivery.delivery.event.id, error });
  }
}
