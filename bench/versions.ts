import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dynamoDbLocalPackage } from '../bin/local/dynamodb-local.js';

const require = createRequire(import.meta.url);

/** Versions of what the figures depend on. */
export function versions(): Record<string, string> {
  const pkg = (name: string) => {
    try {
      return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  // `java -version` writes to stderr.
  const javaVersion = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const java = /version "([^"]+)"/.exec(`${javaVersion.stderr ?? ''}${javaVersion.stdout ?? ''}`)?.[1] ?? 'unknown';
  return {
    node: process.version,
    'DynamoDB Local': `${dynamoDbLocalPackage.name}@${dynamoDbLocalPackage.version}`,
    java,
    autocannon: pkg('autocannon'),
    'oidc-provider': pkg('oidc-provider'),
    esbuild: pkg('esbuild'),
  };
}
