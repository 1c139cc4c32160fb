import type { ChildServer } from '../child-process.js';
import type { CapacityTotals } from '../gatehouse/consumed-capacity.js';
import type { GatehouseReady } from '../gatehouse/server.js';
import { flowNames, prepareFlow, type FlowName } from '../load/gatehouse-flows.js';
import type { LoadRequest } from '../load/load-request.js';
import { round } from '../load/load-point.js';

/** DynamoDB capacity one request of a flow consumes, as DynamoDB reports it (ReturnConsumedCapacity TOTAL). */
export interface FlowCapacity {
  readonly flow: FlowName;
  readonly warm: RequestUnits;
  /** The realm's name, configuration and clients not cached: a new container's first request. */
  readonly cold: RequestUnits;
}

export interface RequestUnits {
  readonly readUnits: number;
  readonly writeUnits: number;
  /** DynamoDB calls per request, by operation. */
  readonly calls: Record<string, number>;
}

/**
 * Sends `samples` requests of each flow one at a time and divides the capacity DynamoDB reported
 * by the count: warm (after one request that fills the caches) and cold (the realm's cache entry
 * dropped before each request, as Gatehouse drops it after an admin write).
 */
export async function measureCapacity(gatehouse: ChildServer<GatehouseReady>, samples: number): Promise<FlowCapacity[]> {
  const target = { baseUrl: gatehouse.ready.baseUrl, seed: gatehouse.ready.seed };
  const results: FlowCapacity[] = [];
  await gatehouse.ask({ type: 'capacityStart' });
  for (const flow of flowNames) {
    const request = await prepareFlow(flow, target, 1);
    await send(target.baseUrl, request);
    const warmStart = await gatehouse.ask<CapacityTotals>({ type: 'capacity' });
    for (let i = 0; i < samples; i++) await send(target.baseUrl, request);
    const warm = perRequest(warmStart, await gatehouse.ask<CapacityTotals>({ type: 'capacity' }), samples);
    let coldTotal: RequestUnits = { readUnits: 0, writeUnits: 0, calls: {} };
    for (let i = 0; i < samples; i++) {
      await gatehouse.ask({ type: 'coldCache' });
      const start = await gatehouse.ask<CapacityTotals>({ type: 'capacity' });
      await send(target.baseUrl, request);
      coldTotal = add(coldTotal, perRequest(start, await gatehouse.ask<CapacityTotals>({ type: 'capacity' }), 1));
    }
    results.push({ flow, warm, cold: perRequest({ readUnits: 0, writeUnits: 0, calls: {}, failedCalls: 0 }, { ...coldTotal, failedCalls: 0 }, samples) });
  }
  await gatehouse.ask({ type: 'capacityStop' });
  return results;
}

async function send(baseUrl: string, request: LoadRequest): Promise<void> {
  const body = request.body ?? request.perConnectionBodies?.[0];
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${request.method} ${request.path} answered ${response.status}: ${text.slice(0, 200)}`);
}

function perRequest(start: CapacityTotals, end: CapacityTotals, count: number): RequestUnits {
  const calls: Record<string, number> = {};
  for (const [name, total] of Object.entries(end.calls)) {
    const delta = total - (start.calls[name] ?? 0);
    if (delta > 0) calls[name] = round(delta / count, 2);
  }
  return { readUnits: round((end.readUnits - start.readUnits) / count, 2), writeUnits: round((end.writeUnits - start.writeUnits) / count, 2), calls };
}

function add(a: RequestUnits, b: RequestUnits): RequestUnits {
  const calls = { ...a.calls };
  for (const [name, count] of Object.entries(b.calls)) calls[name] = (calls[name] ?? 0) + count;
  return { readUnits: a.readUnits + b.readUnits, writeUnits: a.writeUnits + b.writeUnits, calls };
}
