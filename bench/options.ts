/** What `npm run bench -- ...` was asked for. */
export interface BenchOptions {
  /** About a minute: short load points, fewer cold starts. */
  readonly quick: boolean;
  /** Also price every flow (bench/cost/). */
  readonly cost: boolean;
  /** Seconds per load point (flow × concurrency). */
  readonly durationSeconds: number;
  readonly concurrencies: readonly number[];
  /** Cold starts per function (the median is reported). */
  readonly coldStarts: number;
  /** Sections to run; all by default. */
  readonly sections: ReadonlySet<Section>;
  /** Run one flow at one concurrency under `node --cpu-prof` and summarize the profile instead. */
  readonly profileFlow: string | undefined;
}

export const allSections = ['load', 'peer', 'capacity', 'hashing', 'bundles', 'cold-init'] as const;
export type Section = (typeof allSections)[number];

const usage = `npm run bench -- [--quick] [--cost] [--duration=<s>] [--only=load,peer,capacity,hashing,bundles,cold-init]
                     [--cold-starts=<n>] [--profile=<flow>]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument ${arg}\n${usage}`);
    flags.set(match[1]!, match[2] ?? 'true');
  }
  const known = new Set(['quick', 'cost', 'duration', 'only', 'cold-starts', 'profile', 'help']);
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`Unknown option --${name}\n${usage}`);
  if (flags.has('help')) throw new Error(usage);
  const quick = flags.has('quick');
  const only = flags.get('only')?.split(',') ?? [...allSections];
  for (const section of only) if (!(allSections as readonly string[]).includes(section)) throw new Error(`Unknown section ${section}\n${usage}`);
  return {
    quick,
    cost: flags.has('cost'),
    durationSeconds: positive(flags.get('duration'), quick ? 1 : 10),
    concurrencies: [1, 16, 64],
    coldStarts: positive(flags.get('cold-starts'), quick ? 3 : 11),
    sections: new Set(only as Section[]),
    profileFlow: flags.get('profile'),
  };
}

function positive(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`Not a positive number: ${raw}`);
  return value;
}
