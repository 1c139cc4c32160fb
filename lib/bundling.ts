import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every function is bundled: local esbuild only (no Docker), one minified ESM file per function
 * with a source map for stack traces (NODE_OPTIONS=--enable-source-maps), everything bundled, the
 * AWS SDK v3 clients included, so the bundle sizes we measure are the code that actually runs.
 */
export const bundling: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies call require(); ESM has none, so give them Node's.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings, not the sources: keeps the artifact (and the cold start) small.
  sourcesContent: false,
  externalModules: [],
  // Native addons (*.node) cannot be inlined: esbuild copies them beside index.mjs and rewrites the
  // require to the copy. lib/native-addons.ts checks that the copy fits the function's architecture.
  loader: { '.node': 'copy' },
  esbuildArgs: {
    // On Lambda credentials come from the environment: the SDK's default chain is replaced by that
    // one link (lib/lambda/environment-credentials.ts), about 130 KB less in every function.
    '--alias:@aws-sdk/credential-provider-node': './lib/lambda/environment-credentials.ts',
  },
  logLevel: LogLevel.WARNING,
};
