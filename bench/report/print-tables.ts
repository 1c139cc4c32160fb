import { describeCalls } from './targets.js';
import type { BenchResults } from './results.js';
import type { LoadPoint } from '../load/load-point.js';

/** Renders rows as an aligned plain-text table (Markdown-compatible pipes). */
export function table(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '–' : String(cell))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

/** The whole report, section by section, for stdout (and for pasting into BENCHMARKS.md). */
export function renderReport(results: BenchResults): string {
  const out: string[] = [];
  const { run, machine } = results;
  out.push(
    `Gatehouse bench — ${run.date} — commit ${run.commit}${run.dirty ? ' (+ uncommitted changes)' : ''}${run.quick ? ' — QUICK (smoke figures)' : ''}`,
    `Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}, load average at start ${machine.loadAtStart}`,
    `Command: ${run.command}   (${run.durationSeconds} s per load point, ${run.coldStarts} cold starts per function)`,
    `Versions: ${Object.entries(results.versions).map(([name, version]) => `${name} ${version}`).join(', ')}`,
  );
  const loadRows = (flows: Record<string, LoadPoint[]>) =>
    Object.entries(flows).flatMap(([flow, points]) =>
      points.map((p) => [flow, p.concurrency, p.requestsPerSecond, p.p50Ms, p.p99Ms, p.failed, p.cpuSeconds.server, p.cpuSeconds.dynamodb, p.cpuSeconds.loadgen, p.perServerCpuSecond]),
    );
  const loadHeaders = ['flow', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'server CPU s', 'DynamoDB Local CPU s', 'load gen. CPU s', 'req per server CPU-s'];
  if (results.gatehouse) out.push('', 'Throughput and latency — Gatehouse (local runtime, DynamoDB Local in memory)', table(loadHeaders, loadRows(results.gatehouse)));
  if (results.oidcProvider) out.push('', 'Throughput and latency — oidc-provider (same machine, same run, in-memory adapter)', table(loadHeaders, loadRows(results.oidcProvider)));
  if (results.capacity) {
    out.push(
      '',
      'DynamoDB capacity per request (ReturnConsumedCapacity TOTAL, as DynamoDB Local reports it)',
      table(
        ['flow', 'warm RCU', 'warm WCU', 'warm calls', 'cold RCU', 'cold WCU', 'cold calls'],
        results.capacity.map((c) => [c.flow, c.warm.readUnits, c.warm.writeUnits, describeCalls(c.warm.calls), c.cold.readUnits, c.cold.writeUnits, describeCalls(c.cold.calls)]),
      ),
    );
  }
  if (results.storeCall) {
    const c = results.storeCall;
    out.push('', `One DynamoDB call, client side: ${c.operation}: ${c.cpuMsPerCall} CPU ms (the store's JSON client + Node HTTP), ${c.wallMsPerCall} ms wall with DynamoDB Local`);
  }
  if (results.hashing) {
    out.push(
      '',
      'Password hashing (one verification = one login)',
      table(['what', 'algorithm', 'parameters', 'ms per hash', 'CPU ms per hash', 'floor: logins/s per core'], results.hashing.map((h) => [h.label, h.algorithm, h.parameters, h.msPerHash, h.cpuMsPerHash, h.floorLoginsPerCoreSecond])),
    );
  }
  if (results.signing) {
    const s = results.signing;
    out.push('', `Token signing floor: ${s.algorithm}: ${s.cpuMsPerSignature} CPU ms per signature = ${s.floorSignaturesPerCoreSecond} signatures/s per core`);
  }
  if (results.bundles) {
    const cold = new Map((results.coldInit ?? []).map((c) => [c.fn, c]));
    out.push(
      '',
      'Lambda bundles (esbuild with lib/bundling.ts options) and cold init (fresh node: import + one event; medians)',
      table(
        ['function', 'arch', 'index.mjs KB', '.map KB', 'addon KB', 'import ms', 'import ms w/o source maps', 'first event ms', 'cold init ms', 'status', 'largest parts (KB)'],
        results.bundles.map((b) => {
          const c = cold.get(b.fn);
          return [b.fn, b.architecture, b.codeKB, b.sourceMapKB, b.addonKB, c?.importMs, c?.importMsWithoutSourceMaps, c?.firstInvokeMs, c?.coldInitMs, c?.status, b.largest.slice(0, 4).map((p) => `${p.name} ${p.kB}`).join(', ')];
        }),
      ),
    );
  }
  if (results.cost) {
    const { flows, perMillionMau: m } = results.cost;
    out.push(
      '',
      'Cost: $ per 1M requests (us-east-1 list prices, bench/cost/prices.ts; assumptions in bench/cost/cost-model.ts)',
      table(
        ['flow', 'arch', 'billed Lambda ms', 'Lambda $', 'HTTP API $', 'DynamoDB $', 'KMS Sign $ (kms custody)', 'total $ envelope keys', 'total $ kms keys'],
        flows.map((f) => [f.flow, f.architecture, f.lambdaMs, f.lambda, f.apiGateway, f.dynamoDb, f.kms, f.totalEnvelope, f.totalKms]),
      ),
      '',
      `Per 1M monthly active users (${m.requestsPerMau} requests per MAU): Gatehouse $${m.gatehouseEnvelope} (envelope keys) / $${m.gatehouseKms} (kms keys), incl. $${m.storage} storage;`,
      `Cognito: Lite $${m.cognitoLite}, Essentials $${m.cognitoEssentials}, Plus $${m.cognitoPlus}. client_credentials per 1M tokens: Gatehouse $${m.gatehouseClientCredentialsPerMillion ?? '–'} vs Cognito M2M $${m.cognitoM2mPerMillionTokens} (+ $6 per app client-month).`,
    );
  }
  if (results.targets) {
    out.push('', 'Targets (issue 6)', table(['target', 'measured', 'met'], results.targets.map((t) => [t.target, t.measured, t.met === undefined ? '–' : t.met ? 'yes' : 'NO'])));
  }
  return out.join('\n');
}
