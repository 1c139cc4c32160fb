import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startChildServer } from '../child-process.js';
import type { GatehouseReady } from '../gatehouse/server.js';
import { flowNames, prepareFlow, type FlowName } from '../load/gatehouse-flows.js';
import { runLoadPoint, type LoadPoint } from '../load/load-point.js';
import { waitUntilIdle } from '../load/wait-idle.js';
import { repoRoot } from '../bundles/bundle-functions.js';
import { gatehouseEnv } from '../gatehouse/gatehouse-env.js';
import { summarizeProfile, type ProfileSummary } from './summarize-profile.js';

export interface FlowProfile {
  readonly flow: FlowName;
  readonly concurrency: number;
  readonly point: LoadPoint;
  readonly profileFile: string;
  readonly summary: ProfileSummary;
}

/**
 * `npm run bench -- --profile=<flow>`: one flow at concurrency 16 under V8's CPU profiler (the one
 * `node --cpu-prof` uses), recording only the load window, then where the Gatehouse process spent its CPU.
 */
export async function profileFlow(flow: string, seconds: number, outDir: string): Promise<FlowProfile> {
  if (!(flowNames as readonly string[]).includes(flow)) throw new Error(`--profile takes one of ${flowNames.join(', ')}`);
  const gatehouse = await startChildServer<GatehouseReady>(join(repoRoot, 'bench/gatehouse/server.ts'), { name: 'gatehouse-profile', env: gatehouseEnv() });
  try {
    const target = { baseUrl: gatehouse.ready.baseUrl, seed: gatehouse.ready.seed };
    const concurrency = 16;
    const request = await prepareFlow(flow as FlowName, target, concurrency);
    const pids = { server: gatehouse.ready.pid, loadgen: process.pid, ...(gatehouse.ready.dynamoDbPid ? { dynamodb: gatehouse.ready.dynamoDbPid } : {}) };
    await runLoadPoint(target.baseUrl, request, concurrency, Math.min(2, seconds), pids);
    await waitUntilIdle([gatehouse.ready.pid, ...(gatehouse.ready.dynamoDbPid ? [gatehouse.ready.dynamoDbPid] : [])]);
    await gatehouse.ask({ type: 'profileStart' });
    const point = await runLoadPoint(target.baseUrl, request, concurrency, seconds, pids);
    await mkdir(outDir, { recursive: true });
    const profileFile = join(outDir, `${flow}.cpuprofile`);
    await gatehouse.ask({ type: 'profileStop', path: profileFile });
    const summary = summarizeProfile(JSON.parse(await readFile(profileFile, 'utf8')), repoRoot);
    const result = { flow: flow as FlowName, concurrency, point, profileFile, summary };
    await writeFile(join(outDir, `${flow}.summary.json`), JSON.stringify(result, null, 2));
    return result;
  } finally {
    await gatehouse.stop();
  }
}
