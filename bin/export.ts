/**
 * `npm run export -- --realm NAME --file out.json [--users skip|realm_file]`: writes a realm in
 * Keycloak's export format (kc.sh export --realm --file --users), users with their credentials unless
 * `--users skip`. Reads the table `npm start` uses: GATEHOUSE_DYNAMODB_ENDPOINT when set (a running
 * server's DynamoDB), otherwise the DynamoDB Local data of GATEHOUSE_DATA_DIR, which this command opens
 * itself — like Keycloak's export, with the server stopped.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { keysConfig } from '../shared/crypto/keys-config.js';
import { exportRealm, fullExport } from '../shared/realm/export/export-realm.js';
import { defaultStore } from '../shared/store/default-store.js';
import { RealmsRepository } from '../shared/store/realms.js';
import { storeConfig } from '../shared/store/store-config.js';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from './local/dynamodb-local.js';
import { loadLocalConfig } from './local/local-config.js';

const USERS = ['skip', 'realm_file', 'same_file'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { realm: { type: 'string' }, file: { type: 'string' }, users: { type: 'string', default: 'realm_file' } },
    strict: true,
  });
  if (!values.realm || !values.file) throw new Error('usage: npm run export -- --realm NAME --file out.json [--users skip|realm_file]');
  if (!(USERS as readonly string[]).includes(values.users!)) throw new Error(`--users must be one of ${USERS.join(', ')}`);
  let dynamo: RunningDynamoDbLocal | undefined;
  process.env.AWS_REGION ||= 'us-east-1';
  if (!process.env.GATEHOUSE_DYNAMODB_ENDPOINT) {
    process.env.AWS_ACCESS_KEY_ID ||= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
    const cacheDir = loadLocalConfig().dynamoDbLocalDir;
    dynamo = await startDynamoDbLocal({ dbPath: join(resolve(process.env.GATEHOUSE_DATA_DIR || keysConfig().dataDir), 'dynamodb'), ...(cacheDir ? { cacheDir } : {}) });
    process.env.GATEHOUSE_DYNAMODB_ENDPOINT = dynamo.endpoint;
    storeConfig.reset();
  }
  try {
    const store = defaultStore();
    const record = await new RealmsRepository(store).getByName(values.realm, { consistent: true });
    if (!record) throw new Error(`Realm ${values.realm} not found`);
    // --users skip: no users at all (kc.sh export leaves service accounts out too; an import recreates them).
    const withUsers = values.users !== 'skip';
    const rep = await exportRealm(store, record.id, { ...fullExport, users: withUsers, serviceAccounts: withUsers });
    await writeFile(values.file, JSON.stringify(rep, null, 2) + '\n', 'utf8');
    process.stdout.write(`Realm ${values.realm} exported to ${values.file}\n`);
  } finally {
    await dynamo?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`gatehouse export: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
