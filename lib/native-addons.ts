import { readdirSync } from 'node:fs';
import { Annotations, AssetStaging, Stack } from 'aws-cdk-lib';
import { Architecture, type IFunction } from 'aws-cdk-lib/aws-lambda';

/** napi-rs platform suffix of the Lambda build of an addon (Lambda's Node.js runtimes use glibc). */
const lambdaPlatform = new Map<string, string>([
  [Architecture.ARM_64.name, 'linux-arm64-gnu'],
  [Architecture.X86_64.name, 'linux-x64-gnu'],
]);

/**
 * A native addon only loads on the platform it was built for, and esbuild copies whichever build npm
 * installed here. After bundling, every addon in the function's bundle (napi-rs names its files
 * `<addon>.<platform>.node`; esbuild appends a hash) must have a build for the function's platform,
 * or the function would fail at its first call on AWS: that is a synth error instead.
 */
export function checkNativeAddons(fn: IFunction, architecture: Architecture): void {
  if (!Stack.of(fn).bundlingRequired) return;
  const staging = fn.node.findAll().find((child): child is AssetStaging => child instanceof AssetStaging);
  if (!staging) return;
  const addons = readdirSync(staging.absoluteStagedPath).filter((file) => file.endsWith('.node'));
  if (addons.length === 0) return;
  const platform = lambdaPlatform.get(architecture.name) ?? architecture.name;
  const names = new Set(addons.map((file) => file.split('.')[0] ?? file));
  for (const name of names) {
    if (!addons.some((file) => file.startsWith(`${name}.${platform}`))) {
      Annotations.of(fn).addError(
        `Native addon ${name} is bundled as ${addons.filter((file) => file.startsWith(`${name}.`)).join(', ')} ` +
          `but the function runs on ${platform}: install that build (npm's --os/--cpu/--libc options), ` +
          `set nativeAddons in lib/function-access.ts, or use a WebAssembly/JavaScript implementation.`,
      );
    }
  }
}
