import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { track } from './children.js';
import { stopChild } from './dynamodb-local.js';

export interface RunningSesLocal {
  /** SES v2 API endpoint and viewer page (GET / shows captured mail; GET /store returns it as JSON). */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts aws-ses-v2-local (the local SES stand-in) on loopback; resolves with the address it printed. */
export async function startSesLocal(port: number): Promise<RunningSesLocal> {
  const cli = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');
  const child = track(
    spawn(process.execPath, [cli, '--host', '127.0.0.1', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aws-ses-v2-local did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const address = /server running at (\S+)/.exec(output)?.[1];
      if (address) {
        clearTimeout(timer);
        resolve(address.replace('://0.0.0.0', '://127.0.0.1').replace(/\/$/, ''));
      } else if (/failed to start/.test(output)) {
        clearTimeout(timer);
        reject(new Error(`aws-ses-v2-local failed to start (port ${port} busy?):\n${output}`));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aws-ses-v2-local exited (${code}):\n${output}`));
    });
  });
  return { url, stop: () => stopChild(child) };
}
