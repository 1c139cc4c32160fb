import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { EventListenerRecord } from '../listeners/listener.js';
import type { WebhookRules } from './webhook-rules.js';

/**
 * Keeps EventBridge in step with the webhook listeners in the table (issue 5), driven by the table's
 * stream like the publisher, so a listener change and its rule cannot drift apart: the admin write
 * commits first, and the stream retries the sync until EventBridge has it. Records are applied in
 * order; a change that fails stops the batch (the stream retries it and everything after it).
 */
export async function syncListenerRecords(records: readonly DynamoDBRecord[], rules: WebhookRules): Promise<number> {
  let applied = 0;
  for (const record of records) {
    const before = listenerOf(record.dynamodb?.OldImage);
    const after = record.eventName === 'REMOVE' ? undefined : listenerOf(record.dynamodb?.NewImage);
    if (after?.rep.type === 'webhook' && after.rep.url) {
      await rules.upsert({ id: after.rep.id, url: after.rep.url, enabled: after.rep.enabled });
      applied++;
    } else if (before?.rep.type === 'webhook') {
      await rules.remove(before.rep.id);
      applied++;
    }
  }
  return applied;
}

function listenerOf(image: Record<string, unknown> | undefined): EventListenerRecord | undefined {
  if (!image || (image['entity'] as { S?: string } | undefined)?.S !== 'EventListener') return undefined;
  return unmarshall(image as Record<string, AttributeValue>) as EventListenerRecord;
}
