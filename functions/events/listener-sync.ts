import type { DynamoDBStreamEvent } from 'aws-lambda';
import { once } from '../../shared/config/env-config.js';
import { eventsConfig } from '../../shared/events/events-config.js';
import { syncListenerRecords } from '../../shared/events/sync/sync-listeners.js';
import { eventBridgeWebhookRules } from '../../shared/events/sync/webhook-rules.js';

const rules = once(() => {
  const config = eventsConfig();
  if (!config.webhookConnectionArn || !config.webhookRoleArn || !config.deadLetterQueueArn) {
    throw new Error('GATEHOUSE_WEBHOOK_CONNECTION_ARN, GATEHOUSE_WEBHOOK_ROLE_ARN and GATEHOUSE_EVENTS_DLQ_ARN must be set');
  }
  return eventBridgeWebhookRules({
    busName: config.eventBus,
    connectionArn: config.webhookConnectionArn,
    roleArn: config.webhookRoleArn,
    deadLetterQueueArn: config.deadLetterQueueArn,
  });
});

/** Webhook listener records (from the table's stream) → their EventBridge rules and API destinations. */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  await syncListenerRecords(event.Records, rules());
}
