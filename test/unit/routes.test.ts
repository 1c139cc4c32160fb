import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handlerModules, routeForKey, routeKey, routePath, routes } from '../../shared/routes.js';

/** Handler modules that are invoked by something other than an HTTP route. */
const notRouted = new Set(['system/bootstrap', 'events/publisher', 'events/listener-sync', 'events/email']);

async function handlerFiles(dir = 'functions'): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await handlerFiles(path)));
    else if (entry.name.endsWith('.ts')) found.push(relative('functions', path).replace(/\.ts$/, ''));
  }
  return found;
}

describe('the route table', () => {
  it('has a handler module exporting `handler` for every row', async () => {
    for (const fn of handlerModules()) {
      expect(existsSync(join('functions', `${fn}.ts`)), fn).toBe(true);
      const url = pathToFileURL(resolve('functions', `${fn}.ts`)).href;
      const module = (await import(/* @vite-ignore */ url)) as { handler?: unknown };
      expect(typeof module.handler, fn).toBe('function');
    }
  });

  it('routes every handler module under functions/', async () => {
    const routed = new Set(handlerModules());
    for (const fn of await handlerFiles()) if (!notRouted.has(fn)) expect(routed.has(fn), `${fn} is not routed`).toBe(true);
  });

  it('has unique names and unique method + path pairs', () => {
    expect(new Set(routes.map((r) => r.name)).size).toBe(routes.length);
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    for (const route of routes) expect(routeForKey(routeKey(route))).toBe(route);
  });

  it('writes each path string once in the whole repository', () => {
    const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.js', '*.mjs'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const texts = sources.filter(existsSync).map((file) => [file, readFileSync(file, 'utf8')] as const);
    // IAM twins are derived from their admin rows (IAM_PREFIX + path), never written out.
    for (const route of routes.filter((row) => row.auth !== 'iam')) {
      // The path as a whole string literal, in any quotes.
      const literal = new RegExp(`(['"\`])${route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`);
      const files = texts.filter(([, text]) => literal.test(text)).map(([file]) => file);
      expect(files, route.path).toEqual(['shared/routes.ts']);
    }
  });

  it('builds concrete paths with encoded parameters', () => {
    expect(routePath('oidc.certs', { realm: 'my realm/x' })).toBe('/realms/my%20realm%2Fx/protocol/openid-connect/certs');
    expect(() => routePath('oidc.certs')).toThrow(/needs parameter realm/);
  });
});
