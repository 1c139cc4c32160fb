import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BalanceSyncBackend } from '../../examples/balance-sync/cdk/balance-sync-backend.js';
import { gatehouseApp } from '../../lib/app.js';
import { eventHandlerModules } from '../../lib/events-pipeline.js';
import type { GatehouseStack } from '../../lib/gatehouse-stack.js';
import { knownVariables } from '../../shared/config/known-variables.js';
import { deliveryRule, logRecordPath } from '../../shared/events/listeners/rules.js';
import { webhookNamePrefix } from '../../shared/events/sync/webhook-names.js';

/**
 * The event pipeline in the synthesized stack (issue 5, DESIGN.md §10): the publisher's stream
 * mapping with bisect-on-error, bounded retries and an SQS on-failure destination; alarms on the
 * queues; the listener rules from shared/events/listeners/rules.ts with their dead-letter queue; the
 * webhook infrastructure the listener sync wires each webhook rule → API destination to; least
 * privilege for every role. (The sync's own requests are checked in test/unit/events-aws-adapters.)
 */

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown>; Effect: string };

const cdkContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;
let outdir: string;
let stack: GatehouseStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'gatehouse-cdk-events-'));
  const made = gatehouseApp({ context: cdkContext, outdir });
  stack = made.stack;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
}, 300_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const getAtt = (construct: { node: { defaultChild?: unknown } }, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId(construct), attribute] });

function functionOf(fn: string): [string, Resource] {
  const found = ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.Description === `Gatehouse functions/${fn}`);
  expect(found, fn).toHaveLength(1);
  return found[0]!;
}

function statementsOfRole(roleId: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function statementsOf(fn: string): Statement[] {
  return statementsOfRole(functionOf(fn)[1].Properties.Role['Fn::GetAtt'][0] as string);
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

function mappingOf(fn: string): Record<string, any> {
  const [functionId] = functionOf(fn);
  const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === functionId);
  expect(mappings, fn).toHaveLength(1);
  return mappings[0]![1].Properties;
}

describe('publisher', () => {
  it('reads the table stream: new event items only, bisect on error, bounded retries, batch item failures, an SQS on-failure queue', () => {
    const mapping = mappingOf('events/publisher');
    expect(mapping).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86_400,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: getAtt(stack.eventPipeline.streamFailures) } },
    });
    const patterns = (mapping.FilterCriteria.Filters as { Pattern: string }[]).map((filter) => JSON.parse(filter.Pattern));
    expect(patterns).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Event', 'AdminEvent'] } } } }]);
  });

  it('puts events on the stack bus and nothing else: table read, stream read, PutEvents on the bus', () => {
    const statements = statementsOf('events/publisher');
    expect(actionsOf(statements).sort()).toEqual(
      [
        'dynamodb:DescribeStream',
        'dynamodb:GetItem',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
        'dynamodb:Query',
        'events:PutEvents',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ].sort(),
    );
    expect(statements.find((s) => s.Action === 'events:PutEvents')?.Resource).toEqual(getAtt(stack.events.bus));
    const variables = functionOf('events/publisher')[1].Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.GATEHOUSE_EVENT_BUS).toBe(stack.stackName);
  });

  it('alarms on the on-failure queue, the dead-letter queue and the stream lag', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const onQueue = (queue: typeof stack.eventPipeline.streamFailures) =>
      alarms.find((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(alarm.Dimensions).includes(logicalId(queue)));
    expect(onQueue(stack.eventPipeline.streamFailures)).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(onQueue(stack.eventPipeline.listeners.deadLetters)).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarms.find((alarm) => alarm.MetricName === 'IteratorAge')).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 300_000 });
  });

  it('keeps failure and dead-letter queues encrypted, TLS-only, for 14 days', () => {
    for (const queue of [stack.eventPipeline.streamFailures, stack.eventPipeline.listeners.deadLetters]) {
      expect(resources[logicalId(queue)]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      const policy = ofType('AWS::SQS::QueuePolicy').find(([, p]) => JSON.stringify(p.Properties.Queues).includes(logicalId(queue)))![1];
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('listener rules (defined once in shared/events/listeners/rules.ts)', () => {
  const ruleNamed = (name: string) => ofType('AWS::Events::Rule').find(([, rule]) => rule.Properties.Name === name)![1].Properties;

  it('routes email deliveries to the email function, with the retry policy and the dead-letter queue', () => {
    const rule = ruleNamed(deliveryRule('email').name);
    expect(rule.EventBusName).toEqual({ Ref: logicalId(stack.events.bus) });
    expect(rule.EventPattern).toEqual(deliveryRule('email').pattern);
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [functionOf('events/email')[0], 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: getAtt(stack.eventPipeline.listeners.deadLetters) },
      }),
    ]);
    // Mails that fail inside the function (after Lambda's two retries) land in the same queue.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionOf('events/email')[0] },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: getAtt(stack.eventPipeline.listeners.deadLetters) } },
    });
  });

  it('writes log deliveries to a log group EventBridge may write to, one event JSON per line', () => {
    const rule = ruleNamed(deliveryRule('log').name);
    expect(rule.EventPattern).toEqual(deliveryRule('log').pattern);
    const [target] = rule.Targets as Record<string, any>[];
    expect(target).toMatchObject({ InputPath: logRecordPath, DeadLetterConfig: { Arn: getAtt(stack.eventPipeline.listeners.deadLetters) } });
    expect(JSON.stringify(target!.Arn)).toContain(`:log-group:`);
    expect(JSON.stringify(target!.Arn)).toContain(logicalId(stack.eventPipeline.listeners.logGroup));
    const policy = ofType('AWS::Logs::ResourcePolicy')[0]![1].Properties.PolicyDocument;
    expect(JSON.stringify(policy)).toContain('events.amazonaws.com');
    expect(resources[logicalId(stack.eventPipeline.listeners.logGroup)]!.Properties.LogGroupName).toMatch(/^\/aws\/events\//);
  });

  it('lets every rule on the bus (webhook rules included) dead-letter into the queue, and nothing else', () => {
    const queue = stack.eventPipeline.listeners.deadLetters;
    const policy = ofType('AWS::SQS::QueuePolicy').find(([, p]) => JSON.stringify(p.Properties.Queues).includes(logicalId(queue)))![1];
    const fromRules = (policy.Properties.PolicyDocument.Statement as Statement[]).find((s) => (s as { Sid?: string }).Sid === 'RulesOfTheGatehouseBus')!;
    expect(fromRules).toMatchObject({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } });
    expect(JSON.stringify(fromRules.Condition)).toContain(`:rule/${stack.stackName}/*`);
  });
});

describe('webhook listeners: rule → API destination with a dead-letter queue', () => {
  const prefix = () => webhookNamePrefix(stack.stackName);

  it('has one connection for all webhook API destinations (the signature header authenticates deliveries)', () => {
    const [, connection] = ofType('AWS::Events::Connection')[0]!;
    expect(connection.Properties).toMatchObject({ AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'Gatehouse-Delivery' } } });
  });

  it('hands the listener sync the connection, the invoke role and the dead-letter queue its rules use', () => {
    const variables = functionOf('events/listener-sync')[1].Properties.Environment.Variables as Record<string, unknown>;
    expect(variables).toMatchObject({
      GATEHOUSE_EVENT_BUS: stack.stackName,
      GATEHOUSE_WEBHOOK_CONNECTION_ARN: { 'Fn::GetAtt': [ofType('AWS::Events::Connection')[0]![0], 'Arn'] },
      GATEHOUSE_WEBHOOK_ROLE_ARN: getAtt(stack.eventPipeline.listeners.invokeRole),
      GATEHOUSE_EVENTS_DLQ_ARN: getAtt(stack.eventPipeline.listeners.deadLetters),
    });
    const mapping = mappingOf('events/listener-sync');
    expect(mapping).toMatchObject({ BisectBatchOnFunctionError: true, MaximumRetryAttempts: 10, DestinationConfig: { OnFailure: { Destination: getAtt(stack.eventPipeline.streamFailures) } } });
    expect((mapping.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern))).toEqual([
      { dynamodb: { NewImage: { entity: { S: ['EventListener'] } } } },
      { dynamodb: { OldImage: { entity: { S: ['EventListener'] } } } },
    ]);
  });

  it('lets the listener sync manage only its own rules and API destinations, and pass only the invoke role to EventBridge', () => {
    const statements = statementsOf('events/listener-sync');
    const forAction = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));
    expect(JSON.stringify(forAction('events:PutTargets').map((s) => s.Resource))).toContain(`:rule/${stack.stackName}/gatehouse-webhook-*`);
    expect(JSON.stringify(forAction('events:CreateApiDestination').map((s) => s.Resource))).toContain(`:api-destination/${prefix()}*`);
    expect(forAction('iam:PassRole')).toEqual([
      expect.objectContaining({ Resource: getAtt(stack.eventPipeline.listeners.invokeRole), Condition: { StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } } }),
    ]);
    // No table access: it works from the stream records alone.
    expect(actionsOf(statements).filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);
    for (const action of actionsOf(statements)) expect(action).not.toMatch(/\*|events:PutEvents|CreateConnection|secretsmanager:/);
  });

  it('lets EventBridge invoke only this stack\'s API destinations', () => {
    const roleId = logicalId(stack.eventPipeline.listeners.invokeRole);
    expect(resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ]);
    const statements = statementsOfRole(roleId);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Action: 'events:InvokeApiDestination' });
    expect(JSON.stringify(statements[0]!.Resource)).toContain(`:api-destination/${prefix()}*`);
  });
});

describe('email listener', () => {
  it('may send mail through SES and read users, nothing more', () => {
    const actions = actionsOf(statementsOf('events/email'));
    expect(actions.sort()).toEqual(
      ['dynamodb:GetItem', 'dynamodb:Query', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ses:SendEmail', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'].sort(),
    );
  });

  it('gives every event function only known GATEHOUSE_* variables', () => {
    for (const fn of eventHandlerModules) {
      const variables = functionOf(fn)[1].Properties.Environment.Variables as Record<string, unknown>;
      const unknown = Object.keys(variables).filter((name) => name.startsWith('GATEHOUSE_') && !(knownVariables as readonly string[]).includes(name));
      expect(unknown, fn).toEqual([]);
      expect(functionOf(fn)[1].Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
  });
});

describe('balance-sync example construct', () => {
  it('is a table, a function URL authenticated by the signature, and the webhook secret, with narrow grants', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'gatehouse-cdk-example-')) });
    const exampleStack = new Stack(app, 'BalanceSync');
    const backend = new BalanceSyncBackend(exampleStack, 'Backend', { realms: ['shop'] });
    const example = Template.fromStack(exampleStack);
    example.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
    example.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
    example.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ BALANCE_REALMS: 'shop', WEBHOOK_SECRET_ARN: { Ref: exampleStack.getLogicalId(backend.webhookSecret.node.defaultChild as never) } }) },
    });
    const actions = Object.values(example.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) => [s.Action].flat()),
    );
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(actions).toContain('secretsmanager:GetSecretValue');
  }, 120_000);
});
