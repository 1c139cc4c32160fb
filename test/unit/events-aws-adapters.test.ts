import {
  CreateApiDestinationCommand,
  DeleteApiDestinationCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
  UpdateApiDestinationCommand,
} from '@aws-sdk/client-eventbridge';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sesMailer } from '../../shared/events/listeners/email/mailer.js';
import { eventListenerRecord } from '../../shared/events/listeners/listener.js';
import { matchesPattern } from '../../shared/events/listeners/event-pattern.js';
import { eventBridgeBus } from '../../shared/events/publisher/eventbridge-bus.js';
import { syncListenerRecords } from '../../shared/events/sync/sync-listeners.js';
import { apiDestinationName, webhookNamePrefix } from '../../shared/events/sync/webhook-names.js';
import { eventBridgeWebhookRules } from '../../shared/events/sync/webhook-rules.js';

/** The AWS adapters of the event pipeline: the requests they make (aws-sdk-client-mock). */

const eventBridge = mockClient(EventBridgeClient);
const ses = mockClient(SESv2Client);
beforeEach(() => {
  eventBridge.reset();
  ses.reset();
});

const settings = {
  busName: 'Gatehouse',
  connectionArn: 'arn:aws:events:eu-west-1:111122223333:connection/gatehouse/abc',
  roleArn: 'arn:aws:iam::111122223333:role/invoke',
  deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:111122223333:dead-letters',
};

describe('EventBridge bus adapter', () => {
  it('puts entries on the named bus and reads per-entry failures', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ EventId: 'e1' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }] });
    const results = await eventBridgeBus('Gatehouse', new EventBridgeClient({})).put([
      { Source: 'gatehouse', DetailType: 'UserEvent', Detail: '{"id":"1"}', Time: new Date(0) },
      { Source: 'gatehouse', DetailType: 'ListenerDelivery', Detail: '{"id":"2"}' },
    ]);
    expect(results).toEqual([{ ok: true }, { ok: false, error: 'ThrottlingException: slow down' }]);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input).toEqual({
      Entries: [
        { Source: 'gatehouse', DetailType: 'UserEvent', Detail: '{"id":"1"}', Time: new Date(0), EventBusName: 'Gatehouse' },
        { Source: 'gatehouse', DetailType: 'ListenerDelivery', Detail: '{"id":"2"}', EventBusName: 'Gatehouse' },
      ],
    });
  });
});

describe('webhook rules on EventBridge', () => {
  const rules = () => eventBridgeWebhookRules(settings, new EventBridgeClient({}));

  it('creates the API destination, a rule on the bus for the listener, and its target with retries and the dead-letter queue', async () => {
    eventBridge.on(DescribeApiDestinationCommand).rejects(new ResourceNotFoundException({ message: 'nope', $metadata: {} }));
    eventBridge.on(CreateApiDestinationCommand).resolves({ ApiDestinationArn: 'arn:aws:events:eu-west-1:111122223333:api-destination/x/1' });
    eventBridge.on(PutRuleCommand).resolves({});
    eventBridge.on(PutTargetsCommand).resolves({ FailedEntryCount: 0 });
    await rules().upsert({ id: 'hook-1', url: 'https://billing.example.com/hook', enabled: true });

    expect(eventBridge.commandCalls(CreateApiDestinationCommand)[0]!.args[0].input).toMatchObject({
      Name: apiDestinationName('Gatehouse', 'hook-1'),
      ConnectionArn: settings.connectionArn,
      InvocationEndpoint: 'https://billing.example.com/hook',
      HttpMethod: 'POST',
    });
    const rule = eventBridge.commandCalls(PutRuleCommand)[0]!.args[0].input;
    expect(rule).toMatchObject({ Name: 'gatehouse-webhook-hook-1', EventBusName: 'Gatehouse', State: 'ENABLED' });
    const pattern = JSON.parse(rule.EventPattern!);
    expect(matchesPattern(pattern, { source: 'gatehouse', 'detail-type': 'ListenerDelivery', detail: { listenerId: 'hook-1' } })).toBe(true);
    expect(matchesPattern(pattern, { source: 'gatehouse', 'detail-type': 'ListenerDelivery', detail: { listenerId: 'hook-2' } })).toBe(false);
    expect(eventBridge.commandCalls(PutTargetsCommand)[0]!.args[0].input).toEqual({
      Rule: 'gatehouse-webhook-hook-1',
      EventBusName: 'Gatehouse',
      Targets: [
        {
          Id: 'webhook',
          Arn: 'arn:aws:events:eu-west-1:111122223333:api-destination/x/1',
          RoleArn: settings.roleArn,
          InputPath: '$.detail.event',
          HttpParameters: { HeaderParameters: { 'Gatehouse-Signature': '$.detail.signature', 'Gatehouse-Event-Id': '$.detail.event.id' } },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
          DeadLetterConfig: { Arn: settings.deadLetterQueueArn },
        },
      ],
    });
  });

  it('updates an existing API destination and disables the rule of a disabled listener', async () => {
    eventBridge.on(DescribeApiDestinationCommand).resolves({ Name: 'x' });
    eventBridge.on(UpdateApiDestinationCommand).resolves({ ApiDestinationArn: 'arn:d' });
    eventBridge.on(PutTargetsCommand).resolves({ FailedEntryCount: 0 });
    await rules().upsert({ id: 'hook-1', url: 'https://new.example.com/hook', enabled: false });
    expect(eventBridge.commandCalls(CreateApiDestinationCommand)).toHaveLength(0);
    expect(eventBridge.commandCalls(UpdateApiDestinationCommand)[0]!.args[0].input).toMatchObject({ InvocationEndpoint: 'https://new.example.com/hook' });
    expect(eventBridge.commandCalls(PutRuleCommand)[0]!.args[0].input.State).toBe('DISABLED');
  });

  it('fails when a target is refused, so the stream retries the change', async () => {
    eventBridge.on(DescribeApiDestinationCommand).resolves({});
    eventBridge.on(UpdateApiDestinationCommand).resolves({ ApiDestinationArn: 'arn:d' });
    eventBridge.on(PutTargetsCommand).resolves({ FailedEntryCount: 1, FailedEntries: [{ ErrorMessage: 'no' }] });
    await expect(rules().upsert({ id: 'h', url: 'https://x.example', enabled: true })).rejects.toThrow(/PutTargets failed/);
  });

  it('removes target, rule and API destination, ignoring what is already gone', async () => {
    eventBridge.on(RemoveTargetsCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
    eventBridge.on(DeleteRuleCommand).resolves({});
    eventBridge.on(DeleteApiDestinationCommand).resolves({});
    await rules().remove('hook-1');
    expect(eventBridge.commandCalls(DeleteRuleCommand)[0]!.args[0].input).toEqual({ Name: 'gatehouse-webhook-hook-1', EventBusName: 'Gatehouse' });
    expect(eventBridge.commandCalls(DeleteApiDestinationCommand)[0]!.args[0].input).toEqual({ Name: apiDestinationName('Gatehouse', 'hook-1') });
  });

  it('names account-wide resources with a short per-bus prefix that fits EventBridge\'s 64 characters', () => {
    expect(webhookNamePrefix('Gatehouse')).toMatch(/^gh[0-9a-f]{8}-$/);
    expect(webhookNamePrefix('Gatehouse')).not.toBe(webhookNamePrefix('GatehouseDev'));
    expect(apiDestinationName('a'.repeat(256), '0'.repeat(36)).length).toBeLessThanOrEqual(64);
  });
});

describe('listener sync', () => {
  const listener = (overrides: Record<string, unknown> = {}) =>
    marshall(eventListenerRecord('r1', { id: 'hook', type: 'webhook', enabled: true, url: 'https://x.example/h', secret: 's'.repeat(20), eventTypes: [], includeAdminEvents: false, ...overrides }), { removeUndefinedValues: true }) as never;
  const calls: string[] = [];
  const fake = { upsert: async (l: { id: string; url: string; enabled: boolean }) => void calls.push(`upsert ${l.id} ${l.url} ${l.enabled}`), remove: async (id: string) => void calls.push(`remove ${id}`) };

  it('upserts webhook listeners on insert and change, removes them on delete, ignores everything else', async () => {
    calls.length = 0;
    const records: DynamoDBRecord[] = [
      { eventName: 'INSERT', dynamodb: { NewImage: listener() } },
      { eventName: 'MODIFY', dynamodb: { OldImage: listener(), NewImage: listener({ enabled: false }) } },
      { eventName: 'REMOVE', dynamodb: { OldImage: listener() } },
      { eventName: 'INSERT', dynamodb: { NewImage: marshall(eventListenerRecord('r1', { id: 'mail', type: 'email', enabled: true, eventTypes: [], includeAdminEvents: false })) as never } },
      { eventName: 'INSERT', dynamodb: { NewImage: marshall({ pk: 'x', sk: 'y', entity: 'User' }) as never } },
    ];
    expect(await syncListenerRecords(records, fake)).toBe(3);
    expect(calls).toEqual(['upsert hook https://x.example/h true', 'upsert hook https://x.example/h false', 'remove hook']);
  });
});

describe('SES mailer', () => {
  it('sends one SESv2 SendEmail with text and HTML bodies', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm1' });
    await sesMailer(undefined, new SESv2Client({})).send({ from: 'id@example.com', to: 'alice@example.com', subject: 'Login error', text: 'A failed login', html: '<p>A failed login</p>' });
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: 'id@example.com',
      Destination: { ToAddresses: ['alice@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Login error', Charset: 'UTF-8' },
          Body: { Text: { Data: 'A failed login', Charset: 'UTF-8' }, Html: { Data: '<p>A failed login</p>', Charset: 'UTF-8' } },
        },
      },
    });
  });
});
