import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Balances } from './balances.js';
import { emptyCounts, handleWebhook, type BalanceSyncSettings, type Counts } from './app.js';

export interface BalanceSyncOptions extends BalanceSyncSettings {
  readonly port: number;
  readonly host?: string;
  readonly tableName: string;
  /** DynamoDB endpoint (DynamoDB Local); unset: AWS. */
  readonly dynamoDbEndpoint?: string;
}

export interface RunningBalanceSync {
  readonly url: string;
  readonly balances: Balances;
  readonly counts: Counts;
  stop(): Promise<void>;
}

/**
 * The balance-sync backend as a small HTTP server: `POST /webhook` takes Gatehouse's deliveries,
 * `GET /balances/<realmId>/<userId>` shows a balance, `GET /counts` what it has done.
 */
export async function startBalanceSync(options: BalanceSyncOptions): Promise<RunningBalanceSync> {
  const client = new DynamoDBClient(options.dynamoDbEndpoint ? { endpoint: options.dynamoDbEndpoint } : {});
  const balances = new Balances(client, options.tableName);
  await balances.ensureTable();
  const counts = emptyCounts();
  const server: Server = createServer((req, res) => {
    void route(req, balances, options, counts).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 204 ? undefined : JSON.stringify(body));
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: (error as Error).message }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    balances,
    counts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          client.destroy();
          resolve();
        });
      }),
  };
}

async function route(req: IncomingMessage, balances: Balances, settings: BalanceSyncSettings, counts: Counts) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const body = await readBody(req);
  if (req.method === 'POST' && url.pathname === '/webhook') {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
    return handleWebhook(headers, body, balances, settings, counts);
  }
  const balance = /^\/balances\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && balance) {
    const found = await balances.get(decodeURIComponent(balance[1]!), decodeURIComponent(balance[2]!));
    return found ? { status: 200, body: { ...found } } : { status: 404, body: { error: 'no balance' } };
  }
  if (req.method === 'GET' && url.pathname === '/counts') return { status: 200, body: { ...counts } };
  return { status: 404, body: { error: 'not found' } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
