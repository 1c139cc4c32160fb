import { ArnFormat, Duration, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { Authorization, Connection, Rule, RuleTargetInput, type IEventBus, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, ResourcePolicy } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deliveryRule, logRecordPath, type RuleDefinition } from '../shared/events/listeners/rules.js';
import { webhookNamePrefix } from '../shared/events/sync/webhook-names.js';
import { GatehouseFunction } from './functions.js';
import { allowRuleDeadLetters, deadLetterQueue, type GatehouseEventPipelineProps } from './events-pipeline.js';

/** The pipeline's settings without the table: the listeners read only the bus. */
export type GatehouseEventListenersProps = Omit<GatehouseEventPipelineProps, 'table'>;

/**
 * The listeners on the bus (issue 5), from the rules in shared/events/listeners/rules.ts:
 * - email: a static rule → the email function (Keycloak's email listener through SES);
 * - log: a static rule → a CloudWatch Logs group, one JSON line per event;
 * - webhooks: one rule per listener, made at run time by the listener sync (their URLs are realm
 *   data), each → an API destination over the shared connection, with EventBridge's retry policy and
 *   the dead-letter queue. Here: the connection, the role EventBridge assumes to call the API
 *   destinations, and the sync's narrowly scoped rights to manage them.
 */
export class GatehouseEventListeners extends Construct {
  /** Deliveries that failed for good, from every listener rule (webhooks, email, log). */
  readonly deadLetters: Queue;
  readonly connection: Connection;
  /** EventBridge assumes it to invoke the webhooks' API destinations. */
  readonly invokeRole: Role;
  readonly email: GatehouseFunction;
  readonly emailRule: Rule;
  readonly logGroup: LogGroup;
  readonly logRule: Rule;
  private readonly bus: IEventBus;
  private readonly busName: string;

  constructor(scope: Construct, id: string, props: GatehouseEventListenersProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bus = props.bus;
    this.busName = props.busName;
    this.deadLetters = deadLetterQueue(this, 'DeadLetters', props.removalPolicy);
    allowRuleDeadLetters(this.deadLetters, props.busName);

    // EventBridge requires an authorization on every connection; receivers authenticate deliveries by
    // the Gatehouse-Signature HMAC, so this header is a plain marker, not a credential.
    this.connection = new Connection(this, 'WebhookConnection', {
      description: 'Gatehouse webhook listeners (deliveries are authenticated by the Gatehouse-Signature header)',
      authorization: Authorization.apiKey('Gatehouse-Delivery', SecretValue.unsafePlainText('eventbridge')),
    });
    this.invokeRole = new Role(this, 'WebhookInvokeRole', {
      assumedBy: new ServicePrincipal('events.amazonaws.com'),
      description: 'EventBridge invoking the API destinations of Gatehouse webhook listeners',
    });
    this.invokeRole.addToPolicy(
      new PolicyStatement({
        actions: ['events:InvokeApiDestination'],
        resources: [stack.formatArn({ service: 'events', resource: 'api-destination', resourceName: `${webhookNamePrefix(props.busName)}*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })],
      }),
    );
    Validations.of(this.invokeRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:api-destination/' + `${webhookNamePrefix(props.busName)}*]`,
      reason: 'Webhook API destinations are created at run time, one per listener, all named with this stack\'s prefix; the role may invoke those and no others.',
    });

    this.email = new GatehouseFunction(this, 'Email', { fn: 'events/email', defaults: props.defaults, timeout: Duration.seconds(30) });
    if (props.mailFrom) this.email.function.addEnvironment('GATEHOUSE_MAIL_FROM', props.mailFrom);
    this.email.role.addToPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME })],
      }),
    );
    Validations.of(this.email.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason: 'The sender identity is the realm\'s SMTP "from" address or GATEHOUSE_MAIL_FROM, realm data not known at deploy time; sending is the only SES right.',
    });
    // A mail that fails after Lambda's own retries goes to the dead-letter queue as well.
    this.email.function.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.deadLetters) });
    this.emailRule = this.rule('EmailRule', deliveryRule('email'), new LambdaFunction(this.email.function, this.targetOptions(deliveryRule('email'))));

    // EventBridge writes to log groups named /aws/events/... under a resource policy that lets it.
    this.logGroup = new LogGroup(this, 'EventLog', {
      logGroupName: `/aws/events/${stack.stackName}/gatehouse-events`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    new ResourcePolicy(this, 'EventLogPolicy', {
      policyStatements: [
        new PolicyStatement({
          principals: [new ServicePrincipal('events.amazonaws.com'), new ServicePrincipal('delivery.logs.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    const logGroupArn = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const logTarget: IRuleTarget = {
      bind: () => ({
        arn: logGroupArn,
        input: RuleTargetInput.fromEventPath(logRecordPath),
        deadLetterConfig: { arn: this.deadLetters.queueArn },
        retryPolicy: { maximumRetryAttempts: deliveryRule('log').retry.maximumRetryAttempts, maximumEventAgeInSeconds: deliveryRule('log').retry.maximumEventAgeSeconds },
      }),
    };
    this.logRule = this.rule('LogRule', deliveryRule('log'), logTarget);
  }

  /**
   * What the listener sync (functions/events/listener-sync.ts) may do: manage webhook rules on this
   * bus and API destinations with this stack's prefix, and hand EventBridge the invoke role. Its
   * environment names the connection, the role and the dead-letter queue.
   */
  allowRuleManagement(sync: GatehouseFunction): void {
    const stack = Stack.of(this);
    const prefix = webhookNamePrefix(this.busName);
    const rules = stack.formatArn({ service: 'events', resource: 'rule', resourceName: `${this.busName}/gatehouse-webhook-*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const destinations = stack.formatArn({ service: 'events', resource: 'api-destination', resourceName: `${prefix}*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    sync.role.addToPolicy(new PolicyStatement({ actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'], resources: [rules] }));
    sync.role.addToPolicy(
      new PolicyStatement({
        actions: ['events:CreateApiDestination', 'events:UpdateApiDestination', 'events:DeleteApiDestination', 'events:DescribeApiDestination'],
        resources: [destinations],
      }),
    );
    sync.role.addToPolicy(
      new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.invokeRole.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } } }),
    );
    Validations.of(sync.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/${this.busName}/gatehouse-webhook-*]`,
        reason: 'One rule per webhook listener, created at run time; only rules on this stack\'s bus named gatehouse-webhook-*.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:api-destination/${prefix}*]`,
        reason: 'One API destination per webhook listener, created at run time; only those named with this stack\'s prefix.',
      },
    );
    sync.function.addEnvironment('GATEHOUSE_EVENT_BUS', this.busName);
    sync.function.addEnvironment('GATEHOUSE_WEBHOOK_CONNECTION_ARN', this.connection.connectionArn);
    sync.function.addEnvironment('GATEHOUSE_WEBHOOK_ROLE_ARN', this.invokeRole.roleArn);
    sync.function.addEnvironment('GATEHOUSE_EVENTS_DLQ_ARN', this.deadLetters.queueArn);
  }

  private targetOptions(rule: RuleDefinition) {
    return { deadLetterQueue: this.deadLetters, retryAttempts: rule.retry.maximumRetryAttempts, maxEventAge: Duration.seconds(rule.retry.maximumEventAgeSeconds) };
  }

  private rule(id: string, definition: RuleDefinition, target: IRuleTarget): Rule {
    return new Rule(this, id, {
      eventBus: this.bus,
      ruleName: definition.name,
      description: definition.description,
      eventPattern: {
        source: definition.pattern['source'] as string[],
        detailType: definition.pattern['detail-type'] as string[],
        detail: definition.pattern['detail'] as Record<string, unknown>,
      },
      targets: [target],
    });
  }
}
