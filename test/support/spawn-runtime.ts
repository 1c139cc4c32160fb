import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';

export interface SpawnedRuntime {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `bin/serve.ts` (what `npm start` runs) as a child process and waits for its banner. */
export async function spawnRuntime(env: Record<string, string>): Promise<SpawnedRuntime> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/serve.ts'], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', GATEHOUSE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      const url = /Gatehouse is running at (\S+)/.exec(output)?.[1];
      if (url) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(url);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before its banner:\n${output}`));
    });
  });
  return {
    child,
    baseUrl,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

/**
 * The settings of a runtime on the run's shared DynamoDB Local: free ports, its own table and data
 * directory. `events: false` (the default) leaves out the stream and the local pipeline, for tests
 * that read no deliveries (bin/local/table-setup.ts says why a stream costs every later write).
 */
export function sharedStoreRuntimeEnv(options: { tableName: string; dataDir: string; events?: boolean }): Record<string, string> {
  return {
    GATEHOUSE_PORT: '0',
    GATEHOUSE_SES_PORT: '0',
    GATEHOUSE_DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
    GATEHOUSE_TABLE: options.tableName,
    GATEHOUSE_DATA_DIR: options.dataDir,
    GATEHOUSE_LOCAL_EVENTS: options.events ? '1' : '0',
  };
}
