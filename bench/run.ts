/**
 * `npm run bench`: throughput, latency, DynamoDB capacity, password hashing, bundle sizes, cold init
 * (and with --cost, $ per flow and per MAU) of Gatehouse, beside oidc-provider, in one run on this
 * machine. Prints a table and writes bench/results/<date>-<commit>.json. Not part of `npm test`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleFunctions, repoRoot } from './bundles/bundle-functions.js';
import { measureColdInit } from './bundles/cold-init.js';
import { measureCapacity } from './capacity/capacity-units.js';
import { measureStoreCallCost } from './capacity/store-call-cost.js';
import { startChildServer } from './child-process.js';
import { assumptions, flowCost, mauCost } from './cost/cost-model.js';
import { signaturesPerFlow } from './cost/signatures.js';
import { gatehouseEnv } from './gatehouse/gatehouse-env.js';
import type { GatehouseReady } from './gatehouse/server.js';
import { measurePasswordHashing } from './hashing/password-hashing.js';
import { measureSigningFloor } from './hashing/signing-floor.js';
import { flowNames, prepareFlow } from './load/gatehouse-flows.js';
import { runLoadMatrix } from './load/load-matrix.js';
import type { LoadPoint } from './load/load-point.js';
import { machineInfo, runIdentity } from './machine.js';
import { allSections, parseOptions, type BenchOptions } from './options.js';
import type { PeerReady } from './peer/oidc-provider-server.js';
import { peerFlow, peerFlowNames } from './peer/peer-flows.js';
import { profileFlow } from './profile/profile-flow.js';
import { renderReport } from './report/print-tables.js';
import type { BenchResults } from './report/results.js';
import { judgeTargets } from './report/targets.js';
import { versions } from './versions.js';

// What the local runtime sets for itself, for the store client this process opens (DynamoDB Local takes any credentials).
process.env.AWS_REGION ||= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ||= 'local';
process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const argv = process.argv.slice(2);
const options = parseOptions(argv);
const identity = runIdentity(argv);
const stamp = `${identity.date.slice(0, 10)}-${identity.commit}`;
const resultsDir = join(repoRoot, 'bench/results');

if (options.profileFlow) {
  const outDir = join(resultsDir, 'profiles', stamp);
  const result = await profileFlow(options.profileFlow, options.durationSeconds, outDir);
  const { point, summary } = result;
  progress(`${result.flow} c=${result.concurrency}: ${point.requestsPerSecond} req/s, ${point.perServerCpuSecond} per server CPU-second, ${summary.samples} samples`);
  for (const [title, shares] of [['self time by family', summary.selfByFamily], ['self time by area', summary.selfByArea], ['self time by function', summary.selfByFunction], ['inclusive time', summary.inclusiveByFunction]] as const) {
    process.stdout.write(`\n${title}:\n${shares.map((share) => `  ${share.percent.toFixed(1).padStart(5)}%  ${share.name}`).join('\n')}\n`);
  }
  process.stdout.write(`\nprofile: ${result.profileFile} (open in Chrome DevTools); summary beside it\n`);
  process.exit(0);
}

const results = await runBench(options);
await mkdir(resultsDir, { recursive: true });
// A partial run (--only) never overwrites the full run of the same commit and day.
const partial = options.sections.size < allSections.length ? `-only-${[...options.sections].join('-')}` : '';
const file = join(resultsDir, `${stamp}${options.quick ? '-quick' : ''}${partial}.json`);
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\n${renderReport(results)}\n\nJSON: ${file}\n`);
process.exit(0);

async function runBench(options: BenchOptions): Promise<BenchResults> {
  const s = options.sections;
  const scratch = await mkdtemp(join(tmpdir(), 'gatehouse-bench-'));
  const machine = machineInfo();
  progress(`${machine.cores} cores, ${machine.cpuModel}; load average ${machine.loadAtStart}${machine.loadAtStart > 0.5 ? ' (busy machine: figures are noisy)' : ''}`);
  progress('starting Gatehouse (local runtime, DynamoDB Local in memory)...');
  const gatehouse = await startChildServer<GatehouseReady>(join(repoRoot, 'bench/gatehouse/server.ts'), { name: 'gatehouse', env: gatehouseEnv() });
  const ready = gatehouse.ready;
  progress(`Gatehouse at ${ready.baseUrl} (pid ${ready.pid}), DynamoDB Local pid ${ready.dynamoDbPid}; its log: ${gatehouse.logFile}`);
  const target = { baseUrl: ready.baseUrl, seed: ready.seed };
  const results: { -readonly [K in keyof BenchResults]: BenchResults[K] } = {
    run: { ...identity, quick: options.quick, durationSeconds: options.durationSeconds, coldStarts: options.coldStarts },
    machine,
    versions: versions(),
  };
  const warmUpSeconds = options.quick ? 0.3 : 2;
  const onPoint = (name: string) => (flow: string, p: LoadPoint) =>
    progress(`${name} ${flow} c=${p.concurrency}: ${p.requestsPerSecond} req/s, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms${p.failed ? `, ${p.failed} FAILED` : ''}`);
  try {
    if (!ready.dynamoDbPid) throw new Error('DynamoDB Local (java) not found among the Gatehouse process children');
    if (s.has('load')) {
      results.gatehouse = await runLoadMatrix({
        baseUrl: ready.baseUrl,
        flows: flowNames,
        concurrencies: options.concurrencies,
        seconds: options.durationSeconds,
        warmUpSeconds,
        pids: { server: ready.pid, dynamodb: ready.dynamoDbPid, loadgen: process.pid },
        prepare: (flow, connections) => prepareFlow(flow, target, connections),
        onPoint: onPoint('gatehouse'),
      });
    }
    if (s.has('peer')) {
      progress('starting oidc-provider...');
      const peer = await startChildServer<PeerReady>(join(repoRoot, 'bench/peer/oidc-provider-server.ts'), { name: 'oidc-provider', env: { ...process.env, NODE_ENV: 'production' } });
      try {
        results.oidcProvider = await runLoadMatrix({
          baseUrl: peer.ready.baseUrl,
          flows: peerFlowNames,
          concurrencies: options.concurrencies,
          seconds: options.durationSeconds,
          warmUpSeconds,
          pids: { server: peer.ready.pid, loadgen: process.pid },
          prepare: (flow) => peerFlow(flow, peer.ready),
          onPoint: onPoint('oidc-provider'),
        });
      } finally {
        await peer.stop();
      }
    }
    if (s.has('capacity')) {
      progress('DynamoDB capacity per flow, warm and cold...');
      results.capacity = await measureCapacity(gatehouse, options.quick ? 3 : 20);
      results.storeCall = await measureStoreCallCost(ready, options.quick ? 100 : 1000);
    }
    if (s.has('hashing')) {
      progress('password hashing...');
      results.hashing = await measurePasswordHashing(undefined, options.quick ? 10 : 40);
      results.signing = measureSigningFloor(options.quick ? 200 : 2000);
    }
    if (s.has('bundles') || s.has('cold-init')) {
      progress('bundling every function as lib/ does...');
      const bundles = await bundleFunctions(join(scratch, 'bundles'));
      results.bundles = bundles.map(({ dir: _dir, ...rest }) => rest);
      if (s.has('cold-init')) {
        progress(`cold init: ${options.coldStarts} fresh node processes per function...`);
        results.coldInit = await measureColdInit(bundles, ready, options.coldStarts, scratch, { withoutSourceMaps: !options.quick });
      }
    }
    if (options.cost) results.cost = await costs(results, target);
  } finally {
    await gatehouse.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  results.targets = judgeTargets(results);
  return results;
}

async function costs(results: BenchResults, target: { baseUrl: string; seed: GatehouseReady['seed'] }): Promise<NonNullable<BenchResults['cost']>> {
  if (!results.gatehouse || !results.capacity) throw new Error('--cost needs the load and capacity sections');
  const { functionAccess } = await import('../lib/function-access.js');
  const signatures = await signaturesPerFlow(target);
  const coldOf = (fn: string) => results.coldInit?.find((entry) => entry.fn === fn)?.importMs ?? 0;
  const fnOf = { client_credentials: 'oidc/token', refresh_token: 'oidc/token', password: 'oidc/token', introspection: 'oidc/introspect', userinfo: 'oidc/userinfo', jwks: 'oidc/certs', discovery: 'oidc/discovery' } as const;
  const flows = flowNames.map((flow) => {
    // CPU per request at the lowest concurrency that completed requests (1 unless that point failed).
    const single = results.gatehouse![flow]?.find((point) => point.ok > 0);
    const cpuMsPerRequest = single ? (1000 * single.cpuSeconds.server!) / single.ok : 0;
    return flowCost({
      flow,
      architecture: functionAccess[fnOf[flow]]?.nativeAddons ? 'x86_64' : 'arm64',
      cpuMsPerRequest,
      capacity: results.capacity!.find((entry) => entry.flow === flow),
      signatures: signatures[flow],
      coldInitMs: coldOf(fnOf[flow]),
    });
  });
  return { flows, perMillionMau: mauCost(flows), assumptions };
}

function progress(message: string): void {
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}
