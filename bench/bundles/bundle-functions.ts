import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { round } from '../load/load-point.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One function's artifact as CDK would upload it. */
export interface FunctionBundle {
  readonly fn: string;
  readonly architecture: 'arm64' | 'x86_64';
  readonly dir: string;
  /** index.mjs, minified: the code Lambda loads. */
  readonly codeKB: number;
  readonly sourceMapKB: number;
  /** Native addons copied beside index.mjs (.node files). */
  readonly addonKB: number;
  /** The largest packages in index.mjs, by bytes in the output. */
  readonly largest: readonly { readonly name: string; readonly kB: number }[];
}

/**
 * Bundles every handler module the way lib/ does: the same NodejsFunction bundling options
 * (lib/bundling.ts), turned into the esbuild arguments CDK passes (aws-lambda-nodejs' Bundling:
 * --bundle --platform=node --target --format --outfile=index.mjs --minify --sourcemap
 * --sources-content=false --loader --log-level --banner:js --main-fields, externals none), run
 * from the project root as CDK's local bundling does. A metafile is added for the breakdown only.
 */
export async function bundleFunctions(outDir: string): Promise<FunctionBundle[]> {
  const [{ bundling }, { functionAccess }] = await Promise.all([import('../../lib/bundling.js'), import('../../lib/function-access.js')]);
  await rm(outDir, { recursive: true, force: true });
  // esbuild runs the builds side by side in its own process; results keep the table's order.
  return Promise.all(
    Object.keys(functionAccess).map((fn) =>
      bundleOne(fn, join(outDir, fn.replaceAll('/', '-')), bundling, functionAccess[fn]!.nativeAddons ? 'x86_64' : 'arm64'),
    ),
  );
}

async function bundleOne(fn: string, dir: string, bundling: BundlingOptions, architecture: FunctionBundle['architecture']): Promise<FunctionBundle> {
  await mkdir(dir, { recursive: true });
  const options: BuildOptions = {
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, 'functions', `${fn}.ts`)],
    bundle: true,
    platform: 'node',
    target: bundling.target!,
    format: bundling.format as BuildOptions['format'],
    outfile: join(dir, bundling.format === 'esm' ? 'index.mjs' : 'index.js'),
    minify: bundling.minify ?? false,
    sourcemap: bundling.sourceMap ?? false,
    sourcesContent: bundling.sourcesContent ?? true,
    external: [...(bundling.externalModules ?? ['@aws-sdk/*'])],
    loader: { ...(bundling.loader as BuildOptions['loader']) },
    define: { ...(bundling.define ?? {}) },
    logLevel: (bundling.logLevel as BuildOptions['logLevel']) ?? 'warning',
    keepNames: bundling.keepNames ?? false,
    ...(bundling.tsconfig ? { tsconfig: bundling.tsconfig } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
    ...(bundling.mainFields ? { mainFields: [...bundling.mainFields] } : {}),
    ...(bundling.inject ? { inject: [...bundling.inject] } : {}),
    ...esbuildArgsOf(bundling.esbuildArgs ?? {}),
    metafile: true,
  };
  const result = await build(options);
  const files = await readdir(dir);
  const size = async (predicate: (file: string) => boolean) => {
    let bytes = 0;
    for (const file of files.filter(predicate)) bytes += (await stat(join(dir, file))).size;
    return round(bytes / 1024, 1);
  };
  return {
    fn,
    architecture,
    dir,
    codeKB: await size((file) => file === 'index.mjs' || file === 'index.js'),
    sourceMapKB: await size((file) => file.endsWith('.map')),
    addonKB: await size((file) => file.endsWith('.node')),
    largest: largestPackages(result.metafile!),
  };
}

/** The `esbuildArgs` CDK appends to the command line, as build options (only the ones lib/ uses). */
function esbuildArgsOf(args: NonNullable<BundlingOptions['esbuildArgs']>): Pick<BuildOptions, 'alias'> {
  const alias: Record<string, string> = {};
  for (const [flag, value] of Object.entries(args)) {
    const aliased = /^--alias:(.+)$/.exec(flag);
    if (!aliased || typeof value !== 'string') throw new Error(`bench: esbuild argument ${flag} is not translated (bench/bundles/bundle-functions.ts)`);
    alias[aliased[1]!] = value;
  }
  return Object.keys(alias).length > 0 ? { alias } : {};
}

/** Bytes in the output per package (node_modules/<name>) or per top folder of our code. */
function largestPackages(metafile: Metafile): { name: string; kB: number }[] {
  const totals = new Map<string, number>();
  // Only the code file: a copied addon is an output of its own and is reported as addonKB.
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!/index\.m?js$/.test(path)) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match ? match[1]! : input.split('/')[0] ?? input;
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, bytes]) => ({ name, kB: round(bytes / 1024, 1) }));
}
