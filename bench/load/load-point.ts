import autocannon from 'autocannon';
import { cpuSnapshot } from '../process-cpu.js';
import type { LoadRequest } from './load-request.js';

/** One measured point: a flow at a fixed concurrency for a fixed duration. */
export interface LoadPoint {
  readonly concurrency: number;
  readonly seconds: number;
  /** Successful (2xx) responses per second of wall time. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  /** Non-2xx answers and connection errors: any is a broken point, reported, never hidden. */
  readonly failed: number;
  /** CPU seconds each measured process used during the point (user + system, all threads). */
  readonly cpuSeconds: Record<string, number>;
  /** 2xx responses per CPU second of the server process: the per-core figure. */
  readonly perServerCpuSecond: number;
}

/**
 * Runs autocannon (keep-alive connections, one request in flight per connection) against one
 * request shape. `pids.server` is the process whose CPU makes the per-core figure; every other pid
 * (DynamoDB Local, the load generator itself) is reported beside it.
 */
export async function runLoadPoint(
  baseUrl: string,
  request: LoadRequest,
  concurrency: number,
  seconds: number,
  pids: { server: number } & Record<string, number>,
): Promise<LoadPoint> {
  const before = cpuSnapshot(pids);
  const bodies = request.perConnectionBodies;
  let nextConnection = 0;
  const result = await autocannon({
    url: `${baseUrl}${request.path}`,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    connections: concurrency,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    ...(bodies ? { setupClient: (client: autocannon.Client) => client.setBody(bodies[nextConnection++ % bodies.length]) } : {}),
  });
  const after = cpuSnapshot(pids);
  const cpuSeconds = Object.fromEntries(Object.keys(pids).map((name) => [name, round(after[name]! - before[name]!, 2)]));
  const ok = result['2xx'];
  const wall = result.duration || seconds;
  return {
    concurrency,
    seconds: round(wall, 2),
    requestsPerSecond: round(ok / wall, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors,
    cpuSeconds,
    perServerCpuSecond: cpuSeconds.server! > 0 ? round(ok / cpuSeconds.server!, 1) : 0,
  };
}

export const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
