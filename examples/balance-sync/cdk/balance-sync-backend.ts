import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, FunctionUrlAuthType, Runtime, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface BalanceSyncBackendProps {
  /** Realm names to keep balances for (others are refused and end in Gatehouse's dead-letter queue). @default all */
  readonly realms?: readonly string[];
  /** @default RemovalPolicy.RETAIN: the balances outlive the stack */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The balance-sync example on AWS: its own DynamoDB table, a Lambda function behind a function URL
 * (no IAM auth: Gatehouse's API destination cannot sign SigV4; the Gatehouse-Signature HMAC is the
 * authentication) and the webhook secret in Secrets Manager. Give Gatehouse a webhook listener with
 * the URL output and the secret's value (README: "Example: keeping a billing table in step").
 */
export class BalanceSyncBackend extends Construct {
  readonly table: TableV2;
  readonly handler: NodejsFunction;
  readonly url: FunctionUrl;
  readonly webhookSecret: Secret;

  constructor(scope: Construct, id: string, props: BalanceSyncBackendProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.table = new TableV2(this, 'Balances', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy,
    });
    this.webhookSecret = new Secret(this, 'WebhookSecret', {
      description: 'Secret of the Gatehouse webhook listener that feeds balance-sync',
      generateSecretString: { excludePunctuation: true, passwordLength: 40 },
      removalPolicy,
    });
    this.handler = new NodejsFunction(this, 'Webhook', {
      entry: `${projectRoot}examples/balance-sync/src/lambda.ts`,
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(5),
      environment: {
        BALANCE_TABLE: this.table.tableName,
        WEBHOOK_SECRET_ARN: this.webhookSecret.secretArn,
        BALANCE_REALMS: (props.realms ?? []).join(','),
      },
      bundling: { format: OutputFormat.ESM, target: 'node22', minify: true, forceDockerBundling: false, banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    // The writes balances.ts makes, and no others (TransactWriteItems is authorized per item).
    this.table.grant(this.handler, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem');
    this.webhookSecret.grantRead(this.handler);
    this.url = this.handler.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    new CfnOutput(this, 'WebhookUrl', { description: 'URL of the balance-sync webhook listener', value: this.url.url });
    new CfnOutput(this, 'WebhookSecretArn', { description: 'Secrets Manager secret to give the webhook listener', value: this.webhookSecret.secretArn });
  }
}
