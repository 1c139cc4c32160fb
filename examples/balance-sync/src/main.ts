/**
 * `npm run balance-sync`: the example backend on this machine, next to `npm start` (README: "Example:
 * keeping a billing table in step with your users"). Settings from the environment:
 * BALANCE_SYNC_SECRET (required: the webhook listener's secret), BALANCE_SYNC_PORT (8090),
 * BALANCE_SYNC_DYNAMODB_ENDPOINT (the DynamoDB line `npm start` prints), BALANCE_SYNC_TABLE
 * (balances), BALANCE_SYNC_REALMS (comma-separated realm names; empty: all).
 */
import { startBalanceSync } from './server.js';

const secret = process.env.BALANCE_SYNC_SECRET;
if (!secret) {
  process.stderr.write('balance-sync: set BALANCE_SYNC_SECRET to the webhook listener secret\n');
  process.exit(1);
}
process.env.AWS_REGION ||= 'us-east-1';
if (process.env.BALANCE_SYNC_DYNAMODB_ENDPOINT) {
  process.env.AWS_ACCESS_KEY_ID ||= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
}
const running = await startBalanceSync({
  secret,
  port: Number(process.env.BALANCE_SYNC_PORT ?? 8090),
  tableName: process.env.BALANCE_SYNC_TABLE ?? 'balances',
  ...(process.env.BALANCE_SYNC_DYNAMODB_ENDPOINT ? { dynamoDbEndpoint: process.env.BALANCE_SYNC_DYNAMODB_ENDPOINT } : {}),
  realms: (process.env.BALANCE_SYNC_REALMS ?? '').split(',').filter(Boolean),
  toleranceSeconds: 24 * 60 * 60 + 300,
});
process.stdout.write(`balance-sync is listening at ${running.url}/webhook (table ${running.balances.tableName})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void running.stop().then(() => process.exit(0)));
