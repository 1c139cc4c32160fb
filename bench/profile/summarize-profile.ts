import { round } from '../load/load-point.js';

/** The parts of a V8 .cpuprofile we read. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly hitCount?: number;
    readonly children?: readonly number[];
  }[];
  readonly samples?: readonly number[];
}

export interface ProfileSummary {
  readonly samples: number;
  /** Self time rolled up: the DynamoDB client, Node's HTTP and sockets, crypto, our code, GC. */
  readonly selfByFamily: readonly Share[];
  /**
   * Self time by area: a package (node_modules/<name>), a folder of ours (shared/oidc/tokens), a Node
   * internal module; native frames count for their JavaScript caller (crypto.sign's C++ for node:crypto).
   */
  readonly selfByArea: readonly Share[];
  /** Self time by function. */
  readonly selfByFunction: readonly Share[];
  /** Time under a function (itself and what it called), for our own code and the packages it calls into. */
  readonly inclusiveByFunction: readonly Share[];
}

export interface Share {
  readonly name: string;
  readonly percent: number;
}

const idle = new Set(['(idle)', '(root)']);

/** Where the CPU went, as shares of the non-idle samples. */
export function summarizeProfile(profile: CpuProfile, repoRoot: string, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const samples = profile.samples ?? profile.nodes.flatMap((node) => Array(node.hitCount ?? 0).fill(node.id));
  const busy = samples.filter((id) => !idle.has(byId.get(id)!.callFrame.functionName));
  const selfArea = new Map<string, number>();
  const selfFamily = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const label = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    // Lines only for plain JavaScript: tsx-compiled files report line 1 for every function.
    const where = url ? `${shortUrl(url, repoRoot)}${url.endsWith('.ts') ? '' : `:${lineNumber + 1}`}` : '';
    return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  // A native frame (no script URL: V8 builtins, C++ bindings) counts for the code that called it.
  const areaFor = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url) return areaOf(frame.url, repoRoot);
      if (at === id && frame.functionName.startsWith('(')) return frame.functionName;
    }
    return '(native, no caller)';
  };
  for (const id of busy) {
    const area = areaFor(id);
    bump(selfArea, area);
    bump(selfFamily, familyOf(area));
    bump(selfFunction, label(id));
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(at);
      if (idle.has(byId.get(at)!.callFrame.functionName) || seen.has(key)) continue;
      seen.add(key);
      bump(inclusive, key);
    }
  }
  const shares = (map: Map<string, number>, filter: (name: string) => boolean = () => true) =>
    [...map]
      .filter(([name]) => filter(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, percent: round((100 * count) / Math.max(1, busy.length), 1) }));
  // Inclusive shares are interesting for named code (ours and packages), not for anonymous wrappers.
  const named = (name: string) => !name.startsWith('(anonymous)') && !name.startsWith('processTicksAndRejections') && / (shared|functions|bin|node_modules)\//.test(name);
  return { samples: busy.length, selfByFamily: shares(selfFamily), selfByArea: shares(selfArea), selfByFunction: shares(selfFunction), inclusiveByFunction: shares(inclusive, named) };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function shortUrl(url: string, repoRoot: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/(.*)$/.exec(path);
  if (inModules) return `node_modules/${inModules[1]}`;
  return path.startsWith(repoRoot) ? path.slice(repoRoot.length + 1) : path;
}

function areaOf(url: string, repoRoot: string): string {
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`;
  const path = shortUrl(url, repoRoot);
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  const parts = path.split('/');
  return parts.slice(0, Math.min(3, parts.length - 1)).join('/') || path;
}

/** The few families a reader needs to see where a request's CPU goes. */
function familyOf(area: string): string {
  // The store's DynamoDB client (request building, SigV4, marshalling); util-dynamodb is its codec.
  if (area === 'shared/store/dynamodb' || area === '@aws-sdk/util-dynamodb') return 'DynamoDB client (shared/store/dynamodb: SigV4, JSON, marshalling)';
  if (/^@(aws-sdk|smithy|aws-crypto)\//.test(area)) return 'AWS SDK (KMS and other clients)';
  if (area === 'node:crypto') return 'node:crypto (RS256 signing, hashes)';
  if (area === 'node:_http_client' || area === 'node:_http_agent') return "Node's HTTP client (the DynamoDB client's transport)";
  if (area === 'node:_http_server' || area === 'node:_http_incoming') return "Node's HTTP server (local gateway; on AWS: API Gateway and the Lambda runtime)";
  if (/^node:(_http|net|stream|streams|http|https|dns|tls)/.test(area) || area === 'node:stream_base_commons') return 'sockets and streams (both directions)';
  if (area.startsWith('bin/local')) return 'local gateway (bin/local: API Gateway stand-in, not on AWS)';
  if (area.startsWith('shared/') || area.startsWith('functions/') || area === 'shared' || area === 'functions') return 'Gatehouse code (shared/, functions/)';
  if (area === '(garbage collector)') return 'garbage collector';
  if (area.startsWith('node:')) return 'other Node internals (events, timers, buffers, process)';
  return `other: ${area}`;
}
