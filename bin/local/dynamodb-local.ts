import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { track } from './children.js';

const run = promisify(execFile);

/**
 * DynamoDB Local ships inside this npm package (folder `emulator/`). We fetch only its tarball, check
 * it against the registry's published integrity, and keep the `emulator/` folder in a cache; the
 * package is never installed (its dependencies weigh 350 MB).
 */
export const dynamoDbLocalPackage = {
  name: 'amplify-dynamodb-simulator',
  version: '2.9.30',
  integrity: 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==',
} as const;

export class PrerequisiteError extends Error {}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gatehouse', 'dynamodb-local');
}

/** Returns the folder holding DynamoDBLocal.jar, downloading and verifying it on first use. */
export async function ensureDynamoDbLocal(cacheDir = defaultCacheDir()): Promise<string> {
  const { name, version, integrity } = dynamoDbLocalPackage;
  const target = join(cacheDir, version);
  if (existsSync(join(target, 'DynamoDBLocal.jar')) && existsSync(join(target, '.verified'))) return target;

  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, '.download-'));
  try {
    await run('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', work], { cwd: work, maxBuffer: 1 << 20 });
    const tarball = (await readdir(work)).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new PrerequisiteError(`npm pack ${name}@${version} produced no tarball`);
    const digest = `sha512-${createHash('sha512').update(await readFile(join(work, tarball))).digest('base64')}`;
    if (digest !== integrity) {
      throw new PrerequisiteError(`${tarball} failed verification: expected ${integrity}, got ${digest}`);
    }
    await run('tar', ['-xzf', join(work, tarball), '-C', work, 'package/emulator']);
    await rm(target, { recursive: true, force: true });
    await rename(join(work, 'package', 'emulator'), target);
    await writeFile(join(target, '.verified'), `${integrity}\n`);
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** DynamoDB Local needs Java 17 or newer. */
export async function assertJava(): Promise<void> {
  let output: string;
  try {
    const { stdout, stderr } = await run('java', ['-version']);
    output = `${stderr}${stdout}`;
  } catch {
    throw new PrerequisiteError(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found. Install a JRE (Debian: apt-get install openjdk-17-jre-headless), ' +
        'or point GATEHOUSE_DYNAMODB_ENDPOINT at a DynamoDB you run yourself.',
    );
  }
  const major = Number(/version "(?:1\.)?(\d+)/.exec(output)?.[1] ?? 0);
  if (major < 17) throw new PrerequisiteError(`DynamoDB Local needs Java 17 or newer; found: ${output.split('\n')[0]}`);
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local on a free loopback port: in memory, or persisting under `dbPath`. `-sharedDb`
 * makes every credential and region see the same tables. Resolves once it answers HTTP.
 */
export async function startDynamoDbLocal(options: { dbPath?: string; cacheDir?: string }): Promise<RunningDynamoDbLocal> {
  await assertJava();
  const home = await ensureDynamoDbLocal(options.cacheDir);
  const port = await freePort();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) await mkdir(options.dbPath, { recursive: true });
  const child = track(spawn(
    'java',
    ['-Xms64m', `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`, '-jar', join(home, 'DynamoDBLocal.jar'), '-port', String(port), '-sharedDb', ...storage],
    { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] },
  ));
  let output = '';
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(endpoint, child, () => output);
  return { endpoint, stop: () => stopChild(child) };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new PrerequisiteError(`DynamoDB Local exited (${child.exitCode}):\n${output()}`);
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
      return; // any HTTP answer (it says 400 to a bare GET) means it is up
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stopChild(child);
  throw new PrerequisiteError(`DynamoDB Local did not answer within 30 s:\n${output()}`);
}

/** SIGTERM, then SIGKILL if it has not gone within 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export const temporaryDirectory = (prefix: string): Promise<string> => mkdtemp(join(tmpdir(), prefix));
