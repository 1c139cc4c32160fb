/**
 * `npm start`: Gatehouse on this machine with its embedded defaults (see README.md for settings).
 */
import { assertNoUnknownVariables, ConfigError } from '../shared/config/env-config.js';
import { routePath } from '../shared/routes.js';
import { PrerequisiteError } from './local/dynamodb-local.js';
import { startLocalRuntime, type LocalRuntime } from './local/runtime.js';

const started = Date.now();
// Lambda runs Node 22; locally Node 20.19+ is supported, so the SDK's Node 20 notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Signals are handled from the first moment: during start-up they abort it (and what it started).
const aborter = new AbortController();
let runtime: LocalRuntime | undefined;
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping Gatehouse...\n`);
  aborter.abort(new Error(`${signal} during start-up`));
  if (runtime) runtime.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

try {
  assertNoUnknownVariables();
  runtime = await startLocalRuntime(process.env, aborter.signal);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    `Gatehouse is running at ${runtime.baseUrl} (started in ${seconds} s)`,
    `  OpenID configuration: ${runtime.baseUrl}${routePath('oidc.discovery', { realm: 'master' })}`,
    `  DynamoDB:             ${runtime.dynamoDbEndpoint}`,
    `  Mail (SES) viewer:    ${runtime.sesUrl}`,
    runtime.admin.created
      ? `  Admin login (master): ${runtime.admin.username} / ${runtime.admin.defaulted ? 'admin' : '(the password you set)'}`
      : `  Admin login (master): unchanged (the master realm already existed in this data directory)`,
  ];
  const { credentials, region } = runtime.signing;
  lines.push(
    runtime.signing.generated
      ? `  SigV4 admin (/iam):   access key ${credentials.accessKeyId}, secret ${credentials.secretAccessKey}, region ${region}, service execute-api (generated for this run)`
      : `  SigV4 admin (/iam):   the credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, region ${region}, service execute-api`,
  );
  if (runtime.admin.created && runtime.admin.defaulted) {
    lines.push(
      '',
      '  ************************************************************************************',
      '  *  WARNING: the master realm admin is admin/admin. This server only listens on     *',
      '  *  loopback; set GATEHOUSE_ADMIN_USERNAME and GATEHOUSE_ADMIN_PASSWORD for anything *',
      '  *  else, and change this password.                                                 *',
      '  ************************************************************************************',
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
} catch (error) {
  if (stopping) process.exit(0);
  if (error instanceof ConfigError || error instanceof PrerequisiteError) {
    process.stderr.write(`gatehouse: ${error.message}\n`);
  } else {
    process.stderr.write(`gatehouse: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
}
