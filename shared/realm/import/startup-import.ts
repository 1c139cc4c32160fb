import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { log } from '../../log/logger.js';
import { ConflictError } from '../../store/errors.js';
import type { RealmCreation } from '../create-realm.js';
import { importRealm, parseRealm } from './import-realm.js';

export interface StartupImportResult {
  readonly imported: readonly string[];
  readonly skipped: readonly string[];
}

/**
 * Keycloak's `--import-realm` for GATEHOUSE_IMPORT: a realm JSON file, or a directory whose *.json files
 * are realms — plus Keycloak's directory-export user files (`{realm}-users-{n}.json`, a realm name and
 * users), whose users join their realm's file. Each realm is created like POST /admin/realms; a realm
 * whose name exists is skipped and logged, so restarting with the same setting changes nothing. A file
 * that is not a valid realm stops start-up with its name and the reason.
 */
export async function importRealmFiles(deps: RealmCreation, path: string): Promise<StartupImportResult> {
  const files = (await stat(path)).isDirectory()
    ? (await readdir(path)).filter((name) => name.endsWith('.json')).sort().map((name) => join(path, name))
    : [path];
  const realms = new Map<string, { file: string; rep: Record<string, unknown> }>();
  const userFiles: { file: string; rep: Record<string, unknown> }[] = [];
  for (const file of files) {
    let rep: Record<string, unknown>;
    try {
      rep = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`GATEHOUSE_IMPORT: ${basename(file)} is not JSON (${(error as Error).message})`);
    }
    if (/-users-\d+\.json$/.test(file) && Object.keys(rep).every((key) => ['realm', 'users', 'federatedUsers'].includes(key))) userFiles.push({ file, rep });
    else realms.set(String(rep['realm']), { file, rep });
  }
  for (const { file, rep } of userFiles) {
    const target = realms.get(String(rep['realm']));
    if (!target) throw new Error(`GATEHOUSE_IMPORT: ${basename(file)} names realm ${String(rep['realm'])}, which no file defines`);
    target.rep['users'] = [...((target.rep['users'] as unknown[] | undefined) ?? []), ...((rep['users'] as unknown[] | undefined) ?? [])];
  }
  const imported: string[] = [];
  const skipped: string[] = [];
  for (const [name, { file, rep }] of realms) {
    if (await deps.realms.getByName(name, { consistent: true })) {
      log('info', 'realm import skipped: the realm exists', { realm: name, file: basename(file) });
      skipped.push(name);
      continue;
    }
    try {
      await importRealm(deps, parseRealm(rep));
      log('info', 'realm imported', { realm: name, file: basename(file) });
      imported.push(name);
    } catch (error) {
      // Another process imported it meanwhile: skipped like an existing realm.
      if (error instanceof ConflictError && (await deps.realms.getByName(name, { consistent: true }))) {
        skipped.push(name);
        continue;
      }
      throw new Error(`GATEHOUSE_IMPORT: ${basename(file)}: ${(error as Error).message}`);
    }
  }
  return { imported, skipped };
}
