import { fileURLToPath } from 'node:url';
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { KnownVariable } from '../shared/config/known-variables.js';
import { functionTimeoutSeconds } from '../shared/functions/timeouts.js';
import { bundling } from './bundling.js';
import { accessAcknowledgments, accessOf, grantAccess, type AccessTargets } from './function-access.js';
import { checkNativeAddons } from './native-addons.js';

/** The repository root: entries are functions/<fn>.ts under it, package-lock.json sits in it. */
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Environment a function gets: Gatehouse's own variables (checked against the known names) and NODE_OPTIONS. */
export type FunctionEnvironment = Partial<Record<KnownVariable | 'NODE_OPTIONS', string>>;

/** What every function of the stack shares. */
export interface FunctionDefaults extends AccessTargets {
  readonly environment: FunctionEnvironment;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export interface GatehouseFunctionProps {
  /** Handler module under functions/, without extension (a route table `fn`). */
  readonly fn: string;
  readonly defaults: FunctionDefaults;
  /**
   * API Gateway gives up after 29 s; a request that needs more than 10 s is a bug to surface.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
}

/** Construct id for a handler module: `oidc/certs` → `OidcCerts`, `admin/client-scopes` → `AdminClientScopes`. */
export function constructIdFor(fn: string): string {
  return fn
    .split(/[/\-_.]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * One Lambda function for one handler module: bundled by esbuild, its own log group with retention,
 * and its own role holding exactly the grants lib/function-access.ts lists for the module (no managed
 * policies: the role may write to its own log group and nothing else besides).
 */
export class GatehouseFunction extends Construct {
  /** The handler module (functions/<fn>.ts). */
  readonly fn: string;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: GatehouseFunctionProps) {
    super(scope, id);
    const { fn, defaults } = props;
    this.fn = fn;
    if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(fn)) throw new Error(`Not a handler module name: ${fn}`);
    const access = accessOf(fn);
    const architecture = access.nativeAddons ? Architecture.X86_64 : Architecture.ARM_64;

    this.logGroup = new LogGroup(this, 'Logs', { retention: defaults.logRetention, removalPolicy: defaults.removalPolicy });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Gatehouse functions/${fn}`,
    });
    this.logGroup.grantWrite(this.role);
    grantAccess(this.role, access, defaults);
    Validations.of(this.role).acknowledge(...accessAcknowledgments(access, defaults));

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${projectRoot}functions/${fn}.ts`,
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture,
      memorySize: 1024,
      timeout: props.timeout ?? Duration.seconds(functionTimeoutSeconds(fn)),
      role: this.role,
      logGroup: this.logGroup,
      description: `Gatehouse functions/${fn}`,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...defaults.environment } as Record<string, string>,
      bundling,
    });
    checkNativeAddons(this.function, architecture);

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x on purpose: esbuild targets node22, and the runtime moves together with that target, not whenever CDK learns a newer one.',
    });
  }
}

export interface HandlerFunctionsProps {
  /** Distinct handler modules, in route table order (`handlerModules()`). */
  readonly modules: readonly string[];
  readonly defaults: FunctionDefaults;
}

/** One function per handler module of the route table (DESIGN.md §4). */
export class HandlerFunctions extends Construct {
  readonly byModule: ReadonlyMap<string, GatehouseFunction>;

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
    this.byModule = new Map(
      props.modules.map((fn) => [fn, new GatehouseFunction(this, constructIdFor(fn), { fn, defaults: props.defaults })]),
    );
  }

  functionFor(fn: string): NodejsFunction {
    const made = this.byModule.get(fn);
    if (!made) throw new Error(`No function for handler module ${fn}`);
    return made.function;
  }
}
