import type { BenchResults, TargetVerdict } from './results.js';
import type { LoadPoint } from '../load/load-point.js';

/** The issue's targets (benchmark figures, not test assertions), judged on this run's figures. */
export function judgeTargets(results: BenchResults): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const best = (points: readonly LoadPoint[] | undefined, by: (point: LoadPoint) => number) =>
    points?.length ? points.reduce((a, b) => (by(b) > by(a) ? b : a)) : undefined;
  const gh = results.gatehouse ?? {};
  const perCore = (point: LoadPoint) => point.perServerCpuSecond;

  const cc = best(gh.client_credentials, perCore);
  verdicts.push(verdict('client_credentials ≥ 1,200 grants/s per core', cc && `${cc.perServerCpuSecond}/s per Gatehouse CPU-second (c=${cc.concurrency})`, cc && cc.perServerCpuSecond >= 1200));

  const ghPeak = best(gh.client_credentials, (p) => p.requestsPerSecond);
  const peerPeak = best(results.oidcProvider?.client_credentials, (p) => p.requestsPerSecond);
  const ratio = ghPeak && peerPeak ? ghPeak.requestsPerSecond / peerPeak.requestsPerSecond : undefined;
  const ghCore = cc?.perServerCpuSecond;
  const peerCore = best(results.oidcProvider?.client_credentials, perCore)?.perServerCpuSecond;
  verdicts.push(
    verdict(
      'client_credentials ≥ 1.2× oidc-provider side by side',
      ratio !== undefined && `${ratio.toFixed(2)}× peak req/s (${ghPeak!.requestsPerSecond} vs ${peerPeak!.requestsPerSecond}); per CPU-second ${ghCore && peerCore ? (ghCore / peerCore).toFixed(2) : '?'}×`,
      ratio !== undefined && ratio >= 1.2,
    ),
  );

  const refresh = best(gh.refresh_token, perCore);
  verdicts.push(verdict('refresh ≥ 600/s per core', refresh && `${refresh.perServerCpuSecond}/s per Gatehouse CPU-second (c=${refresh.concurrency})`, refresh && refresh.perServerCpuSecond >= 600));

  const password = best(gh.password, perCore);
  const floor = results.hashing?.[0]?.floorLoginsPerCoreSecond;
  verdicts.push(
    verdict(
      'password logins ≥ 80% of the hash floor',
      password && floor && `${password.perServerCpuSecond}/s per CPU-second vs floor ${floor}/s (${Math.round((100 * password.perServerCpuSecond) / floor)}%)`,
      password && floor ? password.perServerCpuSecond >= 0.8 * floor : undefined,
    ),
  );

  const capacity = (flow: string) => results.capacity?.find((entry) => entry.flow === flow);
  const ccUnits = capacity('client_credentials')?.warm;
  verdicts.push(
    verdict(
      'client_credentials warm: 0 DynamoDB reads, 0 writes (events not stored)',
      ccUnits && `${ccUnits.readUnits} RCU, ${ccUnits.writeUnits} WCU (${describeCalls(ccUnits.calls)})`,
      ccUnits && ccUnits.readUnits === 0 && ccUnits.writeUnits === 0,
    ),
  );
  const refreshUnits = capacity('refresh_token')?.warm;
  verdicts.push(
    verdict('refresh ≤ 2 write units', refreshUnits && `${refreshUnits.writeUnits} WCU, ${refreshUnits.readUnits} RCU (${describeCalls(refreshUnits.calls)})`, refreshUnits && refreshUnits.writeUnits <= 2),
  );

  if (results.bundles) {
    const over = results.bundles.filter((bundle) => bundle.codeKB > 500);
    const largest = results.bundles.reduce((a, b) => (b.codeKB > a.codeKB ? b : a));
    verdicts.push(
      verdict('each function bundle ≤ 500 KB minified', over.length ? `${over.length} over: ${over.map((b) => `${b.fn} ${b.codeKB} KB`).join(', ')}` : `largest ${largest.fn} ${largest.codeKB} KB`, over.length === 0),
    );
  }
  if (results.coldInit) {
    const slow = results.coldInit.filter((entry) => entry.coldInitMs > 150);
    const slowest = results.coldInit.reduce((a, b) => (b.coldInitMs > a.coldInitMs ? b : a));
    verdicts.push(
      verdict('cold init ≤ 150 ms (import + first event)', slow.length ? `${slow.length} over: ${slow.map((c) => `${c.fn} ${c.coldInitMs} ms`).join(', ')}` : `slowest ${slowest.fn} ${slowest.coldInitMs} ms`, slow.length === 0),
    );
  }
  return verdicts;
}

export function describeCalls(calls: Record<string, number>): string {
  const entries = Object.entries(calls);
  return entries.length ? entries.map(([name, count]) => `${count}× ${name}`).join(', ') : 'no calls';
}

function verdict(target: string, measured: string | false | undefined | 0, met: boolean | undefined | 0 | ''): TargetVerdict {
  return { target, measured: measured || 'not measured in this run', met: measured ? Boolean(met) : undefined };
}
