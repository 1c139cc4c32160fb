import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RouteMatcher } from '../../bin/local/route-matcher.js';
import { toApiGatewayEvent } from '../../bin/local/gateway.js';
import { routes } from '../../shared/routes.js';
import type { GatehouseReady } from '../gatehouse/server.js';
import { median } from '../hashing/password-hashing.js';
import { prepareFlow, type FlowName } from '../load/gatehouse-flows.js';
import type { LoadRequest } from '../load/load-request.js';
import { round } from '../load/load-point.js';
import { repoRoot, type FunctionBundle } from './bundle-functions.js';

const run = promisify(execFile);

export interface ColdInit {
  readonly fn: string;
  readonly runs: number;
  /** What the first invocation was (a flow of the bench, or a request the handler refuses). */
  readonly event: string;
  readonly status: number | null;
  /** Median node start-up before the probe ran (Lambda's runtime start is AWS's and not billed to us). */
  readonly nodeBootMs: number;
  /** Median import of the bundle: Lambda's INIT phase. */
  readonly importMs: number;
  /** Median first invocation, DynamoDB Local round trips included. */
  readonly firstInvokeMs: number | null;
  /** importMs + firstInvokeMs: what the cold-init target is held against. */
  readonly coldInitMs: number;
  /** Median import without NODE_OPTIONS=--enable-source-maps (full runs only): what the source map costs. */
  readonly importMsWithoutSourceMaps?: number;
}

/** The request each function's first invocation gets: a bench flow where one fits, else a plain call. */
const flowFor: Record<string, FlowName> = {
  'oidc/token': 'client_credentials',
  'oidc/discovery': 'discovery',
  'oidc/certs': 'jwks',
  'oidc/userinfo': 'userinfo',
  'oidc/introspect': 'introspection',
};

/**
 * Runs each bundle `runs` times in a fresh `node` (with NODE_OPTIONS=--enable-source-maps, as the
 * stack sets it) against the bench's DynamoDB Local and data directory, and takes medians.
 */
export async function measureColdInit(
  bundles: readonly FunctionBundle[],
  gatehouse: GatehouseReady,
  runs: number,
  scratch: string,
  options: { withoutSourceMaps: boolean },
): Promise<ColdInit[]> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    GATEHOUSE_DYNAMODB_ENDPOINT: gatehouse.dynamoDbEndpoint,
    GATEHOUSE_TABLE: gatehouse.tableName,
    GATEHOUSE_DATA_DIR: gatehouse.dataDir,
    NODE_OPTIONS: '--enable-source-maps',
  };
  const results: ColdInit[] = [];
  for (const bundle of bundles) {
    const prepared = await eventFor(bundle.fn, gatehouse);
    const eventFile = prepared ? join(scratch, `${bundle.fn.replaceAll('/', '-')}.event.json`) : undefined;
    if (prepared && eventFile) await writeFile(eventFile, JSON.stringify(prepared.event));
    const samples: ProbeResult[] = [];
    for (let i = 0; i < runs; i++) samples.push(await probe(bundle, eventFile, env));
    let importMsWithoutSourceMaps: number | undefined;
    if (options.withoutSourceMaps) {
      const { NODE_OPTIONS: _sourceMaps, ...plain } = env;
      const plainSamples: ProbeResult[] = [];
      for (let i = 0; i < runs; i++) plainSamples.push(await probe(bundle, undefined, plain));
      importMsWithoutSourceMaps = round(median(plainSamples.map((s) => s.importMs)), 1);
    }
    const importMs = median(samples.map((s) => s.importMs));
    const invokes = samples.map((s) => s.invokeMs).filter((ms): ms is number => ms !== null);
    const firstInvokeMs = invokes.length ? median(invokes) : null;
    results.push({
      fn: bundle.fn,
      runs,
      event: prepared?.label ?? 'none (import only: not an HTTP function)',
      status: samples[0]!.status,
      nodeBootMs: round(median(samples.map((s) => s.bootMs)), 1),
      importMs: round(importMs, 1),
      firstInvokeMs: firstInvokeMs === null ? null : round(firstInvokeMs, 1),
      coldInitMs: round(importMs + (firstInvokeMs ?? 0), 1),
      ...(importMsWithoutSourceMaps !== undefined ? { importMsWithoutSourceMaps } : {}),
    });
  }
  return results;
}

interface ProbeResult {
  readonly bootMs: number;
  readonly importMs: number;
  readonly invokeMs: number | null;
  readonly status: number | null;
}

async function probe(bundle: FunctionBundle, eventFile: string | undefined, env: Record<string, string>): Promise<ProbeResult> {
  const probeFile = join(repoRoot, 'bench/bundles/cold-init-probe.mjs');
  const { stdout } = await run(process.execPath, [probeFile, join(bundle.dir, 'index.mjs'), ...(eventFile ? [eventFile] : [])], { env, maxBuffer: 1 << 22 });
  const line = stdout.split('\n').find((text) => text.startsWith('{"probe":true'));
  if (!line) throw new Error(`cold-init probe of ${bundle.fn} printed no result:\n${stdout.slice(-500)}`);
  return JSON.parse(line) as ProbeResult;
}

async function eventFor(fn: string, gatehouse: GatehouseReady): Promise<{ label: string; event: unknown } | undefined> {
  const flow = flowFor[fn];
  let request: LoadRequest;
  let label: string;
  if (flow) {
    request = await prepareFlow(flow, { baseUrl: gatehouse.baseUrl, seed: gatehouse.seed }, 1);
    label = flow;
  } else {
    const route = routes.find((candidate) => candidate.fn === fn);
    if (!route) return undefined;
    const path = route.path.replace('{realm}', gatehouse.seed.realm).replace(/\{[^}]+\}/g, 'x');
    request = { method: route.method === 'ANY' ? 'GET' : route.method === 'POST' ? 'POST' : 'GET', path, headers: {} };
    label = `${request.method} ${path} without credentials`;
  }
  const host = new URL(gatehouse.baseUrl).host;
  const rawHeaders = ['Host', host, ...Object.entries(request.headers).flat()];
  const match = new RouteMatcher(routes).match(request.method, request.path);
  if (!match) throw new Error(`No route for ${request.method} ${request.path}`);
  const body = request.body ?? request.perConnectionBodies?.[0] ?? '';
  const event = toApiGatewayEvent({ method: request.method, url: request.path, rawHeaders, body: Buffer.from(body), sourceIp: '127.0.0.1', protocol: 'http' }, match);
  return { label, event };
}
