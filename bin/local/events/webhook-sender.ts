import { isRetryableStatus, webhookBody } from '../../../shared/events/listeners/rules.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from '../../../shared/events/listeners/signature.js';
import type { StoredDelivery } from './delivery-files.js';
import type { AttemptResult } from './delivery-queue.js';

/** EventBridge gives an API destination 5 seconds to answer. */
const TIMEOUT_MS = 5000;

/**
 * One webhook attempt as an API destination makes it (rules.ts webhookRequest): POST `$.detail.event`
 * as the body with the delivery's signature and the event id as headers. Network failures, timeouts and
 * the statuses EventBridge retries are retryable; other refusals dead-letter the delivery.
 */
export async function sendWebhook(delivery: StoredDelivery): Promise<AttemptResult> {
  if (!delivery.url) return { ok: false, retryable: false, message: 'The webhook listener has no url' };
  let response: Response;
  try {
    response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [SIGNATURE_HEADER]: delivery.delivery.signature ?? '',
        [EVENT_ID_HEADER]: delivery.delivery.event.id,
      },
      body: webhookBody(delivery.delivery),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, retryable: true, message: `${(error as Error).name === 'TimeoutError' ? 'timed out' : 'no connection'}${cause ? ` (${cause})` : ''}` };
  }
  const text = (await response.text().catch(() => '')).slice(0, 500);
  if (response.status >= 200 && response.status < 300) return { ok: true };
  return { ok: false, retryable: isRetryableStatus(response.status), status: response.status, message: `HTTP ${response.status}${text ? `: ${text}` : ''}` };
}
