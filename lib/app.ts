import { App, Duration, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GatehouseStack, type GatehouseStackProps, type StackKeyCustody } from './gatehouse-stack.js';

/** Stack name when the `stackName` context is not given. */
export const defaultStackName = 'Gatehouse';

/**
 * Stack settings from CDK context (cdk.json or `cdk synth -c key=value`, where every value is a string):
 * `stackName`, `keyCustody` (kms|envelope), `deletionProtection` (true|false), `hostname`,
 * `eventArchiveDays` (whole days), `mailFrom` (sender of listener mails).
 */
export function stackSettingsFromContext(app: App): { stackName: string; props: GatehouseStackProps } {
  const text = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const stackName = text('stackName') ?? defaultStackName;
  const keyCustody = text('keyCustody') ?? 'kms';
  if (keyCustody !== 'kms' && keyCustody !== 'envelope') {
    throw new Error(`Context keyCustody must be kms or envelope, not "${keyCustody}"`);
  }
  const deletionProtection = text('deletionProtection') ?? 'true';
  if (deletionProtection !== 'true' && deletionProtection !== 'false') {
    throw new Error(`Context deletionProtection must be true or false, not "${deletionProtection}"`);
  }
  const hostname = text('hostname');
  const mailFrom = text('mailFrom');
  const archiveDays = text('eventArchiveDays');
  if (archiveDays !== undefined && !/^[1-9]\d*$/.test(archiveDays)) {
    throw new Error(`Context eventArchiveDays must be a whole number of days, not "${archiveDays}"`);
  }
  return {
    stackName,
    props: {
      stackName,
      description: 'Gatehouse: Keycloak-compatible identity and access management',
      keyCustody: keyCustody satisfies StackKeyCustody,
      deletionProtection: deletionProtection === 'true',
      ...(hostname ? { hostname } : {}),
      ...(mailFrom ? { mailFrom } : {}),
      ...(archiveDays ? { eventArchiveRetention: Duration.days(Number(archiveDays)) } : {}),
    },
  };
}

/**
 * The CDK app bin/app.ts synthesizes, also built in-process by the tests: one environment-agnostic
 * stack (no account or region, so synth works offline) checked by cdk-nag's AWS Solutions rules,
 * which fail synthesis on any finding that is neither fixed nor acknowledged with a reason.
 */
export function gatehouseApp(props: AppProps = {}): { app: App; stack: GatehouseStack } {
  const app = new App(props);
  const { stackName, props: stackProps } = stackSettingsFromContext(app);
  const stack = new GatehouseStack(app, stackName, stackProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
