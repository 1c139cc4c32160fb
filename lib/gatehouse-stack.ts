import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { handlerModules, routes } from '../shared/routes.js';
import { tableDefinition } from '../shared/store/table.js';
import { GatehouseBootstrap } from './bootstrap.js';
import { GatehouseEvents } from './events.js';
import { GatehouseEventPipeline } from './events-pipeline.js';
import { HandlerFunctions, type FunctionDefaults, type FunctionEnvironment } from './functions.js';
import { GatehouseHttpApi } from './http-api.js';
import { GatehouseKeys } from './keys.js';
import { accessOf } from './function-access.js';
import { GatehouseTable } from './table.js';

/** Custody of new realms' signing keys on AWS (DESIGN.md §6); `local` is for `npm start` only. */
export type StackKeyCustody = 'kms' | 'envelope';

export interface GatehouseStackProps extends StackProps {
  /**
   * `kms`: new realms sign with asymmetric KMS keys (every signature a KMS call);
   * `envelope`: keys generated in the function, sealed under the key-encryption key.
   * @default "kms"
   */
  readonly keyCustody?: StackKeyCustody;
  /**
   * Table deletion protection. Also decides what `cdk destroy` does to the data: with protection on,
   * the table, the key-encryption key, the admin secret and the log groups are retained; with it off
   * (development stacks) they are deleted.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Public base URL (GATEHOUSE_HOSTNAME), when it is not the API Gateway URL. @default undefined */
  readonly hostname?: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Archive Gatehouse's events on the bus this long. @default no archive */
  readonly eventArchiveRetention?: Duration;
  /** Sender of listener mails (an SES-verified identity) when a realm's SMTP settings name none. @default "gatehouse@localhost" */
  readonly mailFrom?: string;
}

/**
 * Gatehouse on AWS (DESIGN.md §2): the route table's functions behind an HTTP API, one DynamoDB
 * table, KMS for realm keys, an EventBridge bus, and a custom resource that creates the master realm.
 */
export class GatehouseStack extends Stack {
  readonly table: GatehouseTable;
  readonly keys: GatehouseKeys;
  readonly functions: HandlerFunctions;
  readonly httpApi: GatehouseHttpApi;
  readonly events: GatehouseEvents;
  readonly bootstrap: GatehouseBootstrap;
  readonly eventPipeline: GatehouseEventPipeline;

  constructor(scope: Construct, id: string, props: GatehouseStackProps = {}) {
    super(scope, id, props);
    const deletionProtection = props.deletionProtection ?? true;
    const removalPolicy = deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;

    this.table = new GatehouseTable(this, 'Table', { definition: tableDefinition, deletionProtection, removalPolicy });
    this.keys = new GatehouseKeys(this, 'Keys', { stackTag: this.stackName, removalPolicy });

    const environment: FunctionEnvironment = {
      GATEHOUSE_TABLE: this.table.table.tableName,
      GATEHOUSE_KEY_CUSTODY: props.keyCustody ?? 'kms',
      GATEHOUSE_KMS_KEY_ID: this.keys.keyEncryptionKey.keyArn,
      GATEHOUSE_KMS_KEY_TAG: this.keys.stackTag,
      ...(props.hostname ? { GATEHOUSE_HOSTNAME: props.hostname } : {}),
    };
    const defaults: FunctionDefaults = { environment, table: this.table.table, keys: this.keys, logRetention, removalPolicy };

    this.functions = new HandlerFunctions(this, 'Functions', { modules: handlerModules(), defaults });
    this.httpApi = new GatehouseHttpApi(this, 'Http', {
      apiName: this.stackName,
      routes,
      functionFor: (fn) => this.functions.functionFor(fn),
      logRetention,
      removalPolicy,
    });
    this.events = new GatehouseEvents(this, 'Events', {
      busName: this.stackName,
      ...(props.eventArchiveRetention ? { archiveRetention: props.eventArchiveRetention } : {}),
    });
    this.bootstrap = new GatehouseBootstrap(this, 'Bootstrap', { defaults });
    this.eventPipeline = new GatehouseEventPipeline(this, 'EventPipeline', {
      table: this.table.table,
      bus: this.events.bus,
      busName: this.stackName,
      defaults,
      logRetention,
      removalPolicy,
      ...(props.mailFrom ? { mailFrom: props.mailFrom } : {}),
    });

    // Every signing function may sign with keys any of them creates: the key policy of a new realm
    // key names all their roles (shared/crypto/kms-key-provider.ts signingKeyPolicy).
    const signers = [...this.functions.byModule.values(), this.bootstrap.handler].filter((made) => accessOf(made.fn).signing);
    const signerRoles = signers.map((made) => made.role.roleArn).join(',');
    for (const made of signers) made.function.addEnvironment('GATEHOUSE_KMS_SIGNER_ROLES', signerRoles);

    new CfnOutput(this, 'ApiUrl', { description: 'Base URL of the HTTP API', value: this.httpApi.url });
    new CfnOutput(this, 'TableName', { description: 'The single DynamoDB table', value: this.table.table.tableName });
    new CfnOutput(this, 'EventBusName', { description: 'EventBridge bus of Gatehouse events', value: this.events.bus.eventBusName });
    new CfnOutput(this, 'AdminSecretArn', {
      description: 'Secrets Manager secret with the master realm admin username and password',
      value: this.bootstrap.adminSecret.secretArn,
    });
    new CfnOutput(this, 'KeyEncryptionKeyArn', {
      description: 'KMS key sealing realm key material',
      value: this.keys.keyEncryptionKey.keyArn,
    });
  }
}
