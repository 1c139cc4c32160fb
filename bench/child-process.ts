import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A bench server in its own process (so its CPU time is its own), spoken to over Node's IPC channel. */
export interface ChildServer<Ready> {
  readonly child: ChildProcess;
  readonly ready: Ready;
  /** Where the child's stdout/stderr go (its request log). */
  readonly logFile: string;
  ask<T>(message: { type: string } & Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeArgs] --import tsx <entry>` with an IPC channel and waits for its first message
 * (`{ type: 'ready', ... }`). Output goes to a file: a pipe nobody drains would block the server.
 */
export async function startChildServer<Ready>(
  entry: string,
  options: { env: NodeJS.ProcessEnv; nodeArgs?: readonly string[]; name: string },
): Promise<ChildServer<Ready>> {
  const logFile = join(tmpdir(), `gatehouse-bench-${options.name}-${process.pid}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', entry], {
    env: options.env,
    stdio: ['ignore', out, out, 'ipc'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} did not start within 120 s; see ${logFile}`)), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${code}) before it was ready; see ${logFile}`));
    });
    child.on('message', (message: { type: string; id?: number; value?: unknown; error?: string }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message as Ready);
      } else if (message.type === 'answer' && message.id !== undefined) {
        pending.get(message.id)?.(message.error ? Promise.reject(new Error(message.error)) : message.value);
        pending.delete(message.id);
      }
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    ready,
    logFile,
    ask: <T>(message: { type: string } & Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve as (value: unknown) => void);
        child.send({ ...message, id });
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: 'stop', id: 0 });
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** The child side: answers the parent's questions with `handlers[type](message)`. */
export function serveParent(handlers: Record<string, (message: Record<string, unknown>) => unknown>, stop: () => Promise<void>): void {
  process.on('message', async (message: { type: string; id: number } & Record<string, unknown>) => {
    if (message.type === 'stop') {
      await stop().catch(() => undefined);
      process.exit(0);
    }
    try {
      const handler = handlers[message.type];
      if (!handler) throw new Error(`No handler for ${message.type}`);
      process.send!({ type: 'answer', id: message.id, value: await handler(message) });
    } catch (error) {
      process.send!({ type: 'answer', id: message.id, error: (error as Error).message });
    }
  });
}
