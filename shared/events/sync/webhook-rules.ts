import {
  CreateApiDestinationCommand,
  DeleteApiDestinationCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  UpdateApiDestinationCommand,
} from '@aws-sdk/client-eventbridge';
import { webhookRequest, webhookRule } from '../listeners/rules.js';
import { apiDestinationName } from './webhook-names.js';

/** A webhook listener as its rule needs it. */
export interface WebhookTarget {
  readonly id: string;
  readonly url: string;
  readonly enabled: boolean;
}

/** The port the listener sync drives: EventBridge on AWS (below); locally the bus reads listeners itself. */
export interface WebhookRules {
  upsert(listener: WebhookTarget): Promise<void>;
  remove(listenerId: string): Promise<void>;
}

export interface EventBridgeWebhookSettings {
  readonly busName: string;
  readonly connectionArn: string;
  readonly roleArn: string;
  readonly deadLetterQueueArn: string;
}

/** API destinations may be throttled per second; deliveries beyond wait in EventBridge's retry. */
const INVOCATION_RATE_LIMIT = 50;
const TARGET_ID = 'webhook';

/**
 * A webhook listener on EventBridge (issue 5): an API destination for its URL over the stack's shared
 * connection, and a rule on the stack's bus (pattern from webhookRule) whose target sends
 * `$.detail.event` as the body with the Gatehouse-Signature and Gatehouse-Event-Id headers, EventBridge's
 * retry policy, and the stack's dead-letter queue for what never gets through.
 */
export function eventBridgeWebhookRules(settings: EventBridgeWebhookSettings, client = new EventBridgeClient({ maxAttempts: 5 })): WebhookRules {
  return {
    async upsert(listener) {
      const Name = apiDestinationName(settings.busName, listener.id);
      const destination = { Name, ConnectionArn: settings.connectionArn, InvocationEndpoint: listener.url, HttpMethod: 'POST' as const, InvocationRateLimitPerSecond: INVOCATION_RATE_LIMIT };
      const exists = await client.send(new DescribeApiDestinationCommand({ Name })).then(() => true, notFoundAs(false));
      const { ApiDestinationArn } = exists
        ? await client.send(new UpdateApiDestinationCommand(destination))
        : await client.send(new CreateApiDestinationCommand({ ...destination, Description: `Gatehouse webhook listener ${listener.id}` }));
      const rule = webhookRule(listener.id);
      await client.send(
        new PutRuleCommand({
          Name: rule.name,
          EventBusName: settings.busName,
          EventPattern: JSON.stringify(rule.pattern),
          State: listener.enabled ? 'ENABLED' : 'DISABLED',
          Description: rule.description,
        }),
      );
      const out = await client.send(
        new PutTargetsCommand({
          Rule: rule.name,
          EventBusName: settings.busName,
          Targets: [
            {
              Id: TARGET_ID,
              Arn: ApiDestinationArn,
              RoleArn: settings.roleArn,
              InputPath: webhookRequest.bodyPath,
              HttpParameters: { HeaderParameters: { ...webhookRequest.headerPaths } },
              RetryPolicy: { MaximumRetryAttempts: rule.retry.maximumRetryAttempts, MaximumEventAgeInSeconds: rule.retry.maximumEventAgeSeconds },
              DeadLetterConfig: { Arn: settings.deadLetterQueueArn },
            },
          ],
        }),
      );
      if (out.FailedEntryCount) throw new Error(`PutTargets failed for ${rule.name}: ${out.FailedEntries?.[0]?.ErrorMessage ?? 'unknown error'}`);
    },
    async remove(listenerId) {
      const rule = webhookRule(listenerId);
      await client.send(new RemoveTargetsCommand({ Rule: rule.name, EventBusName: settings.busName, Ids: [TARGET_ID] })).catch(notFoundAs(undefined));
      await client.send(new DeleteRuleCommand({ Name: rule.name, EventBusName: settings.busName })).catch(notFoundAs(undefined));
      await client.send(new DeleteApiDestinationCommand({ Name: apiDestinationName(settings.busName, listenerId) })).catch(notFoundAs(undefined));
    },
  };
}

/** Deleting what is already gone, or asking after what does not exist yet, is not an error here. */
function notFoundAs<T>(value: T) {
  return (error: unknown): T => {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return value;
    throw error;
  };
}
