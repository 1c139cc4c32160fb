import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KeyProviders } from '../../shared/keys/key-providers.js';
import { realmCreation } from '../../shared/realm/create-realm.js';
import { importRealmFiles } from '../../shared/realm/import/startup-import.js';
import { routePath } from '../../shared/routes.js';
import { createDocumentClient } from '../../shared/store/dynamodb-client.js';
import { Store } from '../../shared/store/store.js';
import { PASSWORDS } from '../fixtures/realms/passwords.js';
import { sharedStoreRuntimeEnv, spawnRuntime, type SpawnedRuntime } from '../support/spawn-runtime.js';

const fixtures = fileURLToPath(new URL('../fixtures/realms/', import.meta.url));
const tableName = `import-${randomUUID()}`;
let dataDir: string;
let runtime: SpawnedRuntime;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-import-'));
  runtime = await spawnRuntime({
    ...sharedStoreRuntimeEnv({ tableName, dataDir }),
    GATEHOUSE_IMPORT: fixtures,
  });
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('npm start with GATEHOUSE_IMPORT (a directory of realm files)', () => {
  it('imports every realm of the directory; their users log in with their old passwords; existing realms are skipped', async () => {
    for (const [realm, client, username, password] of [
      ['acme', 'web-app', 'bob', PASSWORDS.bob],
      ['legacy', 'old-app', 'dave', PASSWORDS.dave],
    ] as const) {
      const response = await fetch(`${runtime.baseUrl}${routePath('oidc.token', { realm })}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: client, username, password }),
      });
      expect(response.status, `${realm}/${username}`).toBe(200);
    }
    // A second start (here: the same import against the same table) leaves both realms as they are.
    const store = new Store(createDocumentClient(inject('dynamoDbEndpoint')), tableName);
    const keys = new KeyProviders({ custody: 'local', kmsKeyId: undefined, kmsKeyTag: 'gatehouse', kmsSignerRoles: [], dataDir });
    expect(await importRealmFiles(realmCreation(store, keys), fixtures)).toEqual({ imported: [], skipped: ['acme', 'legacy'] });
  }, 30_000);
});
