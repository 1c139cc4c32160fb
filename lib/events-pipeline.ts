import { ArnFormat, CfnOutput, Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GatehouseEventListeners } from './events-listeners.js';
import { GatehouseFunction, type FunctionDefaults } from './functions.js';

/** Handler modules of the event pipeline (not routed: stream consumers and rule targets). */
export const eventHandlerModules = ['events/publisher', 'events/listener-sync', 'events/email'] as const;

export interface GatehouseEventPipelineProps {
  readonly table: ITableV2;
  readonly bus: IEventBus;
  /** The bus's name as a plain string (the stack's name). */
  readonly busName: string;
  readonly defaults: FunctionDefaults;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Sender of listener mails (GATEHOUSE_MAIL_FROM), an SES-verified identity. @default "gatehouse@localhost" */
  readonly mailFrom?: string;
}

/**
 * Stream retries before a batch goes to the on-failure queue. With bisect-on-error a bad record is
 * isolated in about log2(100) = 7 halvings, so 10 leaves room for transient failures too.
 */
const STREAM_RETRY_ATTEMPTS = 10;

/**
 * The transactional outbox's delivery half (DESIGN.md §10, issue 5): the table's stream feeds the
 * publisher (event items → the bus) and the listener sync (webhook listener items → their rules),
 * each through an event source mapping that retries with bisect-on-error, reports batch item failures,
 * and sends what still fails to an SQS on-failure queue watched by an alarm; plus the listeners
 * (lib/events-listeners.ts).
 */
export class GatehouseEventPipeline extends Construct {
  readonly publisher: GatehouseFunction;
  readonly listenerSync: GatehouseFunction;
  /** Stream batches the publisher or the listener sync gave up on (their metadata; the records stay in the stream 24 h). */
  readonly streamFailures: Queue;
  readonly listeners: GatehouseEventListeners;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: GatehouseEventPipelineProps) {
    super(scope, id);
    this.streamFailures = deadLetterQueue(this, 'StreamFailures', props.removalPolicy);

    this.listeners = new GatehouseEventListeners(this, 'Listeners', {
      bus: props.bus,
      busName: props.busName,
      defaults: props.defaults,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      ...(props.mailFrom ? { mailFrom: props.mailFrom } : {}),
    });

    this.publisher = new GatehouseFunction(this, 'Publisher', { fn: 'events/publisher', defaults: props.defaults, timeout: Duration.seconds(60) });
    this.publisher.function.addEnvironment('GATEHOUSE_EVENT_BUS', props.busName);
    props.bus.grantPutEventsTo(this.publisher.role);
    // New event items only: the publisher never sees the table's other writes or the TTL deletions.
    this.publisher.function.addEventSource(
      this.streamSource(props.table, [
        FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { entity: { S: FilterRule.or('Event', 'AdminEvent') } } } }),
      ]),
    );

    this.listenerSync = new GatehouseFunction(this, 'ListenerSync', { fn: 'events/listener-sync', defaults: props.defaults, timeout: Duration.seconds(60) });
    this.listeners.allowRuleManagement(this.listenerSync);
    // Listener items created, changed or removed (the old image tells what a removal was).
    this.listenerSync.function.addEventSource(
      this.streamSource(props.table, [
        FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('EventListener') } } } }),
        FilterCriteria.filter({ dynamodb: { OldImage: { entity: { S: FilterRule.isEqual('EventListener') } } } }),
      ]),
    );

    this.alarms.push(
      queueAlarm(this, 'StreamFailuresAlarm', this.streamFailures, 'Stream records the event publisher or listener sync gave up on'),
      queueAlarm(this, 'DeadLettersAlarm', this.listeners.deadLetters, 'Listener deliveries that failed for good (webhooks, email, log)'),
      new Alarm(this, 'PublisherLagAlarm', {
        alarmDescription: 'Events wait more than 5 minutes in the stream before the publisher takes them',
        metric: this.publisher.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
        threshold: 5 * 60_000,
        evaluationPeriods: 5,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    new CfnOutput(this, 'StreamFailureQueueUrl', { description: 'Stream batches the event publisher gave up on', value: this.streamFailures.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { description: 'Listener deliveries that failed for good', value: this.listeners.deadLetters.queueUrl });
  }

  private streamSource(table: ITableV2, filters: Record<string, unknown>[]): DynamoEventSource {
    return new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(0),
      bisectBatchOnError: true,
      retryAttempts: STREAM_RETRY_ATTEMPTS,
      maxRecordAge: Duration.hours(24),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.streamFailures),
      filters,
    });
  }
}

/** An encrypted, TLS-only queue that keeps messages 14 days: a dead-letter destination. */
export function deadLetterQueue(scope: Construct, id: string, removalPolicy: RemovalPolicy): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy,
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself a dead-letter destination (of stream batches or listener deliveries); a queue behind it would only move the problem.',
  });
  return queue;
}

/** Any message in a dead-letter queue is something to look at. */
function queueAlarm(scope: Construct, id: string, queue: IQueue, description: string): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
    threshold: 0,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/** Lets EventBridge rules on the bus send their failed deliveries to the queue. */
export function allowRuleDeadLetters(queue: Queue, busName: string): void {
  const stack = Stack.of(queue);
  queue.addToResourcePolicy(
    new PolicyStatement({
      sid: 'RulesOfTheGatehouseBus',
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: {
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'events', resource: 'rule', resourceName: `${busName}/*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }) },
        StringEquals: { 'aws:SourceAccount': stack.account },
      },
    }),
  );
}
