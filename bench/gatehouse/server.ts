/**
 * The Gatehouse side of the bench, in its own process: `npm start`'s local runtime with an in-memory
 * store (GATEHOUSE_IN_MEMORY=1, a free port), the bench realm seeded, every DynamoDB call counted.
 * The parent reads this process's and DynamoDB Local's CPU time from /proc and asks over IPC for
 * capacity totals or a cold realm cache.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { startLocalRuntime } from '../../bin/local/runtime.js';
import { realmConfigChanged } from '../../shared/realm/config-changes.js';
import { defaultStore } from '../../shared/store/default-store.js';
import { storeConfig } from '../../shared/store/store-config.js';
import { serveParent } from '../child-process.js';
import { childPids } from '../process-cpu.js';
import { countConsumedCapacity } from './consumed-capacity.js';
import { seedBenchRealm, type BenchRealm } from './seed-realm.js';

export interface GatehouseReady {
  readonly type: 'ready';
  readonly baseUrl: string;
  readonly pid: number;
  readonly dynamoDbPid: number | undefined;
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  readonly dataDir: string;
  readonly seed: BenchRealm;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const runtime = await startLocalRuntime(process.env);
const store = defaultStore();
const capacity = countConsumedCapacity(store.client);
const seed = await seedBenchRealm(store);
const profiler = new Session();
profiler.connect();

serveParent(
  {
    capacityStart: () => capacity.start(),
    capacityStop: () => capacity.stop(),
    capacity: () => capacity.totals(),
    // What a new container sees: the realm's name, configuration and clients not yet loaded.
    coldCache: () => realmConfigChanged(seed.realmId),
    // V8's CPU profiler (what `node --cpu-prof` runs), started and stopped around the load window only.
    profileStart: async () => {
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
    },
    profileStop: async (message) => {
      const { profile } = await profiler.post('Profiler.stop');
      await writeFile(String(message.path), JSON.stringify(profile));
    },
  },
  () => runtime.stop(),
);
process.on('SIGTERM', () => void runtime.stop().finally(() => process.exit(0)));

const ready: GatehouseReady = {
  type: 'ready',
  baseUrl: runtime.baseUrl.replace('://localhost', '://127.0.0.1'),
  pid: process.pid,
  dynamoDbPid: childPids(process.pid, 'java')[0],
  dynamoDbEndpoint: runtime.dynamoDbEndpoint,
  tableName: storeConfig().tableName,
  dataDir: process.env.GATEHOUSE_DATA_DIR!,
  seed,
};
process.send!(ready);
