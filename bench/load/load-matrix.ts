import type { LoadRequest } from './load-request.js';
import { runLoadPoint, type LoadPoint } from './load-point.js';
import { waitUntilIdle } from './wait-idle.js';

/**
 * Runs flows × concurrencies. Before a flow's first point, a short unrecorded warm-up at the highest
 * concurrency lets V8 and DynamoDB Local's JIT compile the path, so the first point is not a cold one;
 * each point starts once the server has worked off what the previous one left queued.
 */
export async function runLoadMatrix<Flow extends string>(options: {
  readonly baseUrl: string;
  readonly flows: readonly Flow[];
  readonly concurrencies: readonly number[];
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly pids: { server: number } & Record<string, number>;
  readonly prepare: (flow: Flow, connections: number) => Promise<LoadRequest> | LoadRequest;
  readonly onPoint?: (flow: Flow, point: LoadPoint) => void;
}): Promise<Record<Flow, LoadPoint[]>> {
  const results = {} as Record<Flow, LoadPoint[]>;
  for (const flow of options.flows) {
    const top = Math.max(...options.concurrencies);
    await runLoadPoint(options.baseUrl, await options.prepare(flow, top), top, options.warmUpSeconds, options.pids);
    results[flow] = [];
    for (const concurrency of options.concurrencies) {
      const request = await options.prepare(flow, concurrency);
      await waitUntilIdle(Object.entries(options.pids).filter(([name]) => name !== 'loadgen').map(([, pid]) => pid));
      const point = await runLoadPoint(options.baseUrl, request, concurrency, options.seconds, options.pids);
      results[flow].push(point);
      options.onPoint?.(flow, point);
    }
  }
  return results;
}
