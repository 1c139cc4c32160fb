import { functionTimeoutSeconds } from '../../shared/functions/timeouts.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatehouseApp } from '../../lib/app.js';
import { bootstrapModule } from '../../lib/bootstrap.js';
import { eventHandlerModules } from '../../lib/events-pipeline.js';
import { functionAccess } from '../../lib/function-access.js';
import { checkNativeAddons } from '../../lib/native-addons.js';
import type { GatehouseStack } from '../../lib/gatehouse-stack.js';
import { knownVariables } from '../../shared/config/known-variables.js';
import { handlerModules, routeKey, routes as routeTable, type Route } from '../../shared/routes.js';
import { tableDefinition } from '../../shared/store/table.js';

/**
 * The CDK app synthesized in-process, offline (environment-agnostic stack, local esbuild): the
 * template must carry the route table, the table definition and least-privilege grants, and pass
 * cdk-nag's AWS Solutions rules (DESIGN.md §12 cdk).
 */

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] };
type PolicyStatement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

/** Widened from the table's literal types, so every `auth` branch type-checks. */
const routes: readonly Route[] = routeTable;

const cdkContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> })
  .context;
const outdirs: string[] = [];

/** The app bin/app.ts builds, with cdk.json's context (the CLI passes it; `new App()` in a test does not). */
function synthApp(context: Record<string, unknown> = {}): { app: App; stack: GatehouseStack; template: Template; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'gatehouse-cdk-'));
  outdirs.push(outdir);
  const { app, stack } = gatehouseApp({ context: { ...cdkContext, ...context }, outdir });
  // Synthesis runs the registered cdk-nag plugin and throws on any finding not fixed or acknowledged.
  return { app, stack, template: Template.fromStack(stack), outdir };
}

let app: App;
let stack: GatehouseStack;
let template: Template;
let outdir: string;
let resources: Record<string, Resource>;

beforeAll(() => {
  const started = performance.now();
  ({ app, stack, template, outdir } = synthApp());
  resources = template.toJSON().Resources as Record<string, Resource>;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Gatehouse template: ${Object.keys(resources).length} resources, synthesized (bundling included) in ${seconds} s`);
}, 300_000);

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** The Lambda function of a handler module (each carries `Gatehouse functions/<fn>` as its description). */
function functionOf(fn: string): [string, Resource] {
  const found = ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.Description === `Gatehouse functions/${fn}`);
  expect(found, `functions for ${fn}`).toHaveLength(1);
  return found[0]!;
}

/** Every statement of every IAM policy attached to the function's role. */
function statementsOf(fn: string): PolicyStatement[] {
  const [, lambda] = functionOf(fn);
  const roleId = (lambda.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as PolicyStatement[]);
}

function actionsOf(statements: PolicyStatement[]): string[] {
  return statements.flatMap((statement) => [statement.Action].flat());
}

describe('route table → HTTP API', () => {
  it('has exactly one API Gateway route per route table row, with its method and path', () => {
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);
    expect(routeKeys.sort()).toEqual(routes.map(routeKey).sort());
  });

  it("sends each route to its handler module's function with payload format 2.0", () => {
    for (const route of routes) {
      const [, apiRoute] = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey(route))!;
      const integrationId = (apiRoute.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref;
      const integration = resources[integrationId]!;
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      const [functionId] = functionOf(route.fn);
      expect(integration.Properties.IntegrationUri, routeKey(route)).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
    }
  });

  it('authorizes iam routes with SigV4 and leaves public and bearer routes to their handler', () => {
    for (const route of routes) {
      const [, apiRoute] = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey(route))!;
      expect(apiRoute.Properties.AuthorizationType, routeKey(route)).toBe(route.auth === 'iam' ? 'AWS_IAM' : 'NONE');
    }
  });

  it('gives every /admin route a SigV4 twin under /iam, on the same function, that only IAM callers reach', () => {
    const apiRoutes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const targetOf = (key: string) => apiRoutes.find((r) => r.RouteKey === key)!.Target as unknown;
    const adminRows = routes.filter((route) => route.path.startsWith('/admin'));
    expect(adminRows.length).toBeGreaterThan(0);
    for (const route of adminRows) {
      const twinKey = routeKey({ method: route.method, path: `/iam${route.path}` });
      const twin = apiRoutes.find((r) => r.RouteKey === twinKey);
      expect(twin, twinKey).toBeDefined();
      expect(twin!.AuthorizationType, twinKey).toBe('AWS_IAM');
      expect(targetOf(twinKey), twinKey).toEqual(targetOf(routeKey(route)));
    }
    // Nothing outside the admin API is signed-only, and no signed route lives outside /iam.
    for (const r of apiRoutes.filter((candidate) => candidate.AuthorizationType === 'AWS_IAM')) expect(r.RouteKey as string).toMatch(/^[A-Z]+ \/iam\/admin/);
  });

  it('writes JSON access logs from the default stage to a log group with retention', () => {
    const stages = ofType('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const settings = stages[0]![1].Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string] }; Format: string };
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status' });
    // Query strings carry codes and tokens: the raw path and query are never logged.
    expect(settings.Format).not.toMatch(/\$context\.(path|requestOverride|querystring)/i);
    expect(resources[settings.DestinationArn['Fn::GetAtt'][0]]!.Properties.RetentionInDays).toBeGreaterThan(0);
  });
});

describe('functions', () => {
  it('has one function per handler module, plus bootstrap, the event pipeline and the custom resource framework', () => {
    const lambdas = ofType('AWS::Lambda::Function');
    const ours = lambdas.filter(([, f]) => f.Properties.Handler === 'index.handler');
    expect(ours).toHaveLength(handlerModules().length + 1 + eventHandlerModules.length);
    expect(lambdas).toHaveLength(handlerModules().length + 2 + eventHandlerModules.length);
    for (const fn of [...handlerModules(), bootstrapModule, ...eventHandlerModules]) functionOf(fn);
  });

  it('runs every Gatehouse function on nodejs22.x, ARM unless it bundles a native addon, 1024 MB, its timeout (10 s unless long-running)', () => {
    for (const fn of handlerModules()) {
      const [, lambda] = functionOf(fn);
      expect(lambda.Properties, fn).toMatchObject({
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Architectures: [functionAccess[fn]?.nativeAddons ? 'x86_64' : 'arm64'],
        MemorySize: 1024,
        Timeout: functionTimeoutSeconds(fn),
      });
    }
    expect(functionOf('admin/realms')[1].Properties.Timeout).toBe(29);
    expect(functionOf(bootstrapModule)[1].Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['x86_64'] });
    // The Provider framework's function is CDK's own code on the runtime CDK picks for it.
    const framework = ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.Handler !== 'index.handler');
    expect(framework.map(([, f]) => f.Properties.Runtime as string)).toEqual([expect.stringMatching(/^nodejs\d+\.x$/)]);
  });

  it('gives functions only known GATEHOUSE_* variables, the table, key custody and KMS key', () => {
    const kekId = ofType('AWS::KMS::Key')[0]![0];
    for (const fn of [...handlerModules(), bootstrapModule]) {
      const variables = functionOf(fn)[1].Properties.Environment.Variables as Record<string, unknown>;
      expect(variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        GATEHOUSE_TABLE: { Ref: ofType('AWS::DynamoDB::GlobalTable')[0]![0] },
        GATEHOUSE_KEY_CUSTODY: 'kms',
        GATEHOUSE_KMS_KEY_ID: { 'Fn::GetAtt': [kekId, 'Arn'] },
        GATEHOUSE_KMS_KEY_TAG: stack.stackName,
      });
      const unknown = Object.keys(variables).filter(
        (name) => name.startsWith('GATEHOUSE_') && !(knownVariables as readonly string[]).includes(name),
      );
      expect(unknown, fn).toEqual([]);
      expect(variables.GATEHOUSE_HOSTNAME, fn).toBeUndefined();
    }
  });

  it('writes each function log to its own log group with retention', () => {
    for (const fn of [...handlerModules(), bootstrapModule]) {
      const logGroup = functionOf(fn)[1].Properties.LoggingConfig.LogGroup as { Ref: string };
      expect(resources[logGroup.Ref]!.Properties.RetentionInDays, fn).toBeGreaterThan(0);
    }
  });

  it('bundles each function into one minified ESM file with a source map (sizes printed)', () => {
    for (const fn of [...handlerModules(), bootstrapModule]) {
      const key = functionOf(fn)[1].Properties.Code.S3Key as string;
      const assetDir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
      const files = readdirSync(assetDir);
      expect(files, fn).toEqual(expect.arrayContaining(['index.mjs', 'index.mjs.map']));
      const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      expect(bundle.startsWith('import { createRequire }') || bundle.startsWith('import{createRequire}'), fn).toBe(true);
      const sizes = files.map((file) => `${file} ${(statSync(join(assetDir, file)).size / 1024).toFixed(0)} KiB`);
      console.log(`functions/${fn}: ${sizes.join(', ')}`);
    }
  });

  it('refuses a bundled native addon that was built for another architecture than the function', () => {
    const bootstrap = stack.bootstrap.handler.function;
    const errors = () => bootstrap.node.metadata.filter((entry) => entry.type === 'aws:cdk:error').map((entry) => String(entry.data));
    checkNativeAddons(bootstrap, Architecture.X86_64);
    expect(errors()).toEqual([]);
    checkNativeAddons(bootstrap, Architecture.ARM_64);
    expect(errors()).toEqual([expect.stringMatching(/^Native addon argon2 is bundled as argon2\.linux-x64-gnu.*runs on linux-arm64-gnu/)]);
  });
});

describe('least privilege', () => {
  it('has an access entry for every handler module, and none for a module that does not exist', () => {
    for (const fn of [...handlerModules(), bootstrapModule]) expect(functionAccess[fn], fn).toBeDefined();
    for (const fn of Object.keys(functionAccess)) {
      expect(existsSync(new URL(`../../functions/${fn}.ts`, import.meta.url)), `functions/${fn}.ts`).toBe(true);
    }
  });

  it('lets read-only functions read the table and its indexes, and nothing else', () => {
    const readOnly = handlerModules().filter((fn) => functionAccess[fn]?.table === 'read' && !functionAccess[fn]?.signing);
    expect(readOnly.length).toBeGreaterThan(0);
    for (const fn of readOnly) {
      const actions = actionsOf(statementsOf(fn));
      expect(actions.filter((action) => action.startsWith('dynamodb:')).sort(), fn).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:GetRecords', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'kms:Sign', 'kms:CreateKey', 'kms:Decrypt']) {
        expect(actions, fn).not.toContain(forbidden);
      }
      expect(actions.every((action) => /^(dynamodb|logs):/.test(action)), `${fn}: ${actions.join(', ')}`).toBe(true);
      expect(actions.some((action) => action.includes('*')), fn).toBe(false);
    }
  });

  it('lets signing functions create tagged signing keys whose own policy names the signers, and seal under the KEK', () => {
    const signing = [...handlerModules(), bootstrapModule].filter((fn) => functionAccess[fn]?.signing);
    expect(signing).toContain(bootstrapModule);
    const kekId = ofType('AWS::KMS::Key')[0]![0];
    for (const fn of signing) {
      const statements = statementsOf(fn);
      const withAction = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));
      const [createKey] = withAction('kms:CreateKey');
      expect(createKey?.Condition, fn).toMatchObject({
        StringEquals: { 'aws:RequestTag/gatehouse:stack': stack.stackName, 'kms:KeyUsage': 'SIGN_VERIFY' },
        Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' },
        'ForAllValues:StringLike': { 'aws:TagKeys': ['gatehouse:*'] },
      });
      const [tagResource] = withAction('kms:TagResource');
      expect(tagResource?.Condition?.StringEquals, fn).toEqual({ 'aws:RequestTag/gatehouse:stack': stack.stackName });
      // No IAM statement grants signing: a role could tag someone else's key, so tags must grant nothing.
      for (const action of ['kms:Sign', 'kms:GetPublicKey', 'kms:DescribeKey']) expect(withAction(action), `${fn} ${action}`).toEqual([]);
      // The key policy of new keys names every signing role, passed to each signing function.
      const variables = (functionOf(fn)[1].Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
      expect(JSON.stringify(variables.GATEHOUSE_KMS_SIGNER_ROLES), fn).toContain('Role');
      for (const action of ['kms:Decrypt', 'kms:GenerateDataKey']) {
        expect(withAction(action).map((s) => s.Resource), `${fn} ${action}`).toEqual([{ 'Fn::GetAtt': [kekId, 'Arn'] }]);
      }
    }
  });

  it('lets read-write functions write the table', () => {
    const readWrite = [...handlerModules(), bootstrapModule].filter((fn) => functionAccess[fn]?.table === 'readwrite');
    for (const fn of readWrite) {
      expect(actionsOf(statementsOf(fn)), fn).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      );
    }
  });

  it('uses no AWS managed policies', () => {
    for (const [id, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
  });
});

describe('table', () => {
  it('is the table definition: string keys, GSIs with their projections, TTL, stream', () => {
    const keyAttributes = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      GlobalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: tableDefinition.streamView },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has point-in-time recovery and deletion protection on, and is retained by default', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      }),
    });
  });
});

describe('settings from context', () => {
  it('takes stackName, deletionProtection=false, keyCustody, hostname and eventArchiveDays from context', () => {
    const dev = synthApp({
      stackName: 'GatehouseDev',
      deletionProtection: 'false',
      keyCustody: 'envelope',
      hostname: 'id.example.com',
      eventArchiveDays: '7',
    });
    expect(dev.stack.stackName).toBe('GatehouseDev');
    dev.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
    dev.template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          GATEHOUSE_KEY_CUSTODY: 'envelope',
          GATEHOUSE_KMS_KEY_TAG: 'GatehouseDev',
          GATEHOUSE_HOSTNAME: 'id.example.com',
        }),
      },
    });
    dev.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'GatehouseDev' });
    dev.template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 7, EventPattern: { source: ['gatehouse'] } });
    template.resourceCountIs('AWS::Events::Archive', 0);
  }, 300_000);

  it('rejects settings it does not know, before building anything', () => {
    const appWith = (context: Record<string, string>) => () => gatehouseApp({ context, outdir });
    expect(appWith({ keyCustody: 'local' })).toThrow(/keyCustody must be kms or envelope/);
    expect(appWith({ deletionProtection: 'no' })).toThrow(/deletionProtection must be true or false/);
    expect(appWith({ eventArchiveDays: '1.5' })).toThrow(/eventArchiveDays/);
  });
});

describe('keys, events, bootstrap, outputs', () => {
  it('has a symmetric key-encryption key with rotation, retained by default', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true, KeySpec: Match.absent() }),
    });
  });

  it('has an event bus named after the stack', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: stack.stackName });
  });

  it('creates the master realm through a custom resource given the generated admin secret', () => {
    const [secretId] = ofType('AWS::SecretsManager::Secret')[0]!;
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"admin"}', GenerateStringKey: 'password' }),
    });
    template.hasResourceProperties('Custom::GatehouseBootstrap', { AdminSecretArn: { Ref: secretId } });
    const secretReads = statementsOf(bootstrapModule).filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretReads.map((s) => s.Resource)).toEqual([{ Ref: secretId }]);
    for (const fn of handlerModules()) expect(actionsOf(statementsOf(fn)), fn).not.toContain('secretsmanager:GetSecretValue');
  });

  it('outputs the API URL, table, bus and admin secret', () => {
    for (const output of ['ApiUrl', 'TableName', 'EventBusName', 'AdminSecretArn']) template.hasOutput(output, {});
  });

  it('stays well inside the CloudFormation resource limit', () => {
    const count = Object.keys(resources).length;
    console.log(`Resource count: ${count} of 500 (limit in this test: 400)`);
    expect(count).toBeLessThan(400);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has no finding that is neither fixed nor acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks(app).validateScope(stack);
    const listed = (severity: string) =>
      report.violations
        .filter((violation) => violation.severity === severity)
        .map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}: ${v.description}`);
    const warnings = listed('warning');
    if (warnings.length > 0) console.log(`cdk-nag warnings:\n${warnings.join('\n')}`);
    expect(listed('error')).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('records a reason with every acknowledgment', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === 'aws:cdk:acknowledged-rules'))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(40);
  });

  it('reports what is not acknowledged (the checks are live)', () => {
    const probe = new Stack(new App(), 'NagProbe');
    new Secret(probe, 'UnrotatedSecret');
    const report = new AwsSolutionsChecks(probe).validateScope(probe);
    expect(report.violations.map((violation) => violation.ruleName)).toContain('AwsSolutions-SMG4');
  });
});
