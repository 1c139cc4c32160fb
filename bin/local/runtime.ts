import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer, type Server } from 'node:http';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { keysConfig } from '../../shared/crypto/keys-config.js';
import { eventsConfig } from '../../shared/events/events-config.js';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { log } from '../../shared/log/logger.js';
import { bootstrapMaster, type BootstrapAdmin } from '../../shared/realm/bootstrap-master.js';
import { realmCreation } from '../../shared/realm/create-realm.js';
import { importRealmFiles } from '../../shared/realm/import/startup-import.js';
import { defaultStore } from '../../shared/store/default-store.js';
import { storeConfig } from '../../shared/store/store-config.js';
import { startDynamoDbLocal, temporaryDirectory, type RunningDynamoDbLocal } from './dynamodb-local.js';
import { startLocalEvents } from './events/local-events.js';
import { serveNodeRequest } from './gateway.js';
import { signingIdentityFrom, useSigningIdentity, type LocalSigningIdentity } from './sigv4-credentials.js';
import { loadLocalConfig, type LocalConfig } from './local-config.js';
import { startSesLocal, type RunningSesLocal } from './ses-local.js';
import { ensureTable } from './table-setup.js';

export interface LocalRuntime {
  readonly baseUrl: string;
  readonly sesUrl: string;
  readonly dynamoDbEndpoint: string;
  readonly admin: { readonly username: string; readonly password: string; readonly created: boolean; readonly defaulted: boolean };
  /** The credentials SigV4-signed `/iam` requests are verified against (generated when none were set). */
  readonly signing: LocalSigningIdentity;
  stop(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * `npm start`: DynamoDB Local (unless GATEHOUSE_DYNAMODB_ENDPOINT names another DynamoDB), the table,
 * the SES stand-in, the master realm with its bootstrap admin, and the gateway over the route table.
 * Settings come from the environment (README.md); the process environment is completed with the
 * values the handlers read (endpoint, data directory), exactly as Lambda would receive them.
 */
export async function startLocalRuntime(env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<LocalRuntime> {
  const config = loadLocalConfig(env);
  const admin = adminCredentials(config);
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  // A stop asked for during start-up takes effect after the step under way, undoing what was started.
  const checkpoint = () => signal?.throwIfAborted();
  try {
    env.AWS_REGION ||= 'us-east-1';
    // Taken before DynamoDB Local's dummy credentials are filled in below.
    const signing = signingIdentityFrom(env);
    useSigningIdentity(signing);
    if (config.inMemory) {
      const scratch = await temporaryDirectory('gatehouse-');
      env.GATEHOUSE_DATA_DIR = scratch;
      cleanups.push(() => rm(scratch, { recursive: true, force: true }));
    }
    const dataDir = resolve(env.GATEHOUSE_DATA_DIR || keysConfig().dataDir);
    env.GATEHOUSE_DATA_DIR = dataDir;

    let dynamo: RunningDynamoDbLocal | undefined;
    if (!env.GATEHOUSE_DYNAMODB_ENDPOINT) {
      // DynamoDB Local accepts any credentials; set dummy ones only if none are configured.
      env.AWS_ACCESS_KEY_ID ||= 'local';
      env.AWS_SECRET_ACCESS_KEY ||= 'local';
      dynamo = await startDynamoDbLocal({
        ...(config.inMemory ? {} : { dbPath: join(dataDir, 'dynamodb') }),
        ...(config.dynamoDbLocalDir ? { cacheDir: config.dynamoDbLocalDir } : {}),
      });
      cleanups.push(() => dynamo!.stop());
      env.GATEHOUSE_DYNAMODB_ENDPOINT = dynamo.endpoint;
    }
    checkpoint();
    resetConfigCaches();
    const endpoint = storeConfig().endpoint;
    const client = new DynamoDBClient(endpoint ? { endpoint } : {});
    await ensureTable(client, storeConfig().tableName, { stream: config.events });
    client.destroy();

    const ses = await startSesLocal(config.sesPort);
    cleanups.push(() => ses.stop());
    checkpoint();

    env.GATEHOUSE_SES_ENDPOINT ||= ses.url;
    eventsConfig.reset();
    const created = await bootstrapMaster(realmCreation(defaultStore(), keyProviders()), admin);
    // Like Keycloak's --import-realm: realms from GATEHOUSE_IMPORT, skipping those that exist.
    if (env.GATEHOUSE_IMPORT) await importRealmFiles(realmCreation(defaultStore(), keyProviders()), env.GATEHOUSE_IMPORT);
    checkpoint();

    // The events pipeline: DynamoDB Local's stream → publisher → in-process bus → listeners.
    if (config.events) {
      const events = await startLocalEvents({
        store: defaultStore(),
        dynamoDbEndpoint: endpoint,
        directory: join(dataDir, 'events'),
        sesEndpoint: eventsConfig().sesEndpoint,
        mailFrom: eventsConfig().mailFrom,
      });
      cleanups.push(() => events.stop());
      checkpoint();
    }

    const server = createServer((req, res) => {
      serveNodeRequest(req, res).catch((error) => {
        log('error', 'gateway failure', { error });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"message":"Internal Server Error"}');
      });
    });
    const port = await listen(server, config.port, config.bind);
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
    checkpoint();

    const host = ['0.0.0.0', '::', '127.0.0.1'].includes(config.bind) ? 'localhost' : config.bind.includes(':') ? `[${config.bind}]` : config.bind;
    return {
      baseUrl: `http://${host}:${port}`,
      sesUrl: ses.url,
      dynamoDbEndpoint: endpoint ?? 'AWS',
      admin: { ...admin, created: created === 'created' },
      signing,
      stop: async () => {
        server.closeAllConnections?.();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Bootstrap admin: configured, or admin/admin on a loopback-only server (with a loud warning). */
function adminCredentials(config: LocalConfig): BootstrapAdmin & { defaulted: boolean } {
  if (config.adminUsername && config.adminPassword) {
    return { username: config.adminUsername, password: config.adminPassword, defaulted: false };
  }
  if (config.adminUsername || config.adminPassword) {
    throw new Error('Set both GATEHOUSE_ADMIN_USERNAME and GATEHOUSE_ADMIN_PASSWORD (or the KC_BOOTSTRAP_ADMIN_* pair), or neither');
  }
  if (!LOOPBACK.test(config.bind)) {
    throw new Error(`GATEHOUSE_BIND=${config.bind} is reachable from other hosts: set GATEHOUSE_ADMIN_USERNAME and GATEHOUSE_ADMIN_PASSWORD`);
  }
  return { username: 'admin', password: 'admin', defaulted: true };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePort((server.address() as { port: number }).port));
  });
}

/** Settings read before the runtime completed the environment must be read again. */
function resetConfigCaches(): void {
  storeConfig.reset();
  keysConfig.reset();
}
