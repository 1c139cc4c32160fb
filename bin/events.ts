/**
 * `npm run events -- dlq list [--json]` and `npm run events -- dlq redrive [id ...]`: the local
 * dead-letter store of `npm start` (deliveries a listener refused, or that failed past the retry policy),
 * in the data directory (GATEHOUSE_DATA_DIR). A redrive hands dead letters back to the running
 * Gatehouse, which signs them afresh and delivers them again (or at its next start).
 */
import { join, resolve } from 'node:path';
import { assertNoUnknownVariables, ConfigError } from '../shared/config/env-config.js';
import { keysConfig } from '../shared/crypto/keys-config.js';
import { DeliveryFiles, type StoredDelivery } from './local/events/delivery-files.js';

const usage = 'usage: npm run events -- dlq list [--json] | dlq redrive [id ...]';

async function main(args: string[]): Promise<number> {
  assertNoUnknownVariables();
  const files = new DeliveryFiles(join(resolve(keysConfig().dataDir), 'events'));
  const [area, command, ...rest] = args;
  if (area !== 'dlq' || (command !== 'list' && command !== 'redrive')) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  if (command === 'list') {
    const letters = await files.deadLetters();
    if (rest.includes('--json')) {
      process.stdout.write(`${JSON.stringify(letters.map(summary), null, 2)}\n`);
    } else if (letters.length === 0) {
      process.stdout.write('The dead-letter store is empty.\n');
    } else {
      for (const letter of letters) process.stdout.write(`${line(letter)}\n`);
      process.stdout.write(`${letters.length} dead letter(s). Redrive with: npm run events -- dlq redrive [id ...]\n`);
    }
    return 0;
  }
  const moved = await files.redrive(rest.length > 0 ? rest : undefined);
  const missing = rest.filter((id) => !moved.includes(id));
  process.stdout.write(`${moved.length} dead letter(s) sent back for delivery${moved.length ? ` (${moved.join(', ')})` : ''}; a running Gatehouse delivers them now, otherwise at its next start.\n`);
  if (missing.length > 0) process.stderr.write(`not in the dead-letter store: ${missing.join(', ')}\n`);
  return missing.length > 0 ? 1 : 0;
}

/** What a dead letter is, without its signature. */
function summary(letter: StoredDelivery) {
  const event = letter.delivery.event;
  return {
    id: letter.id,
    failedAt: letter.failedAt ? new Date(letter.failedAt).toISOString() : undefined,
    attempts: letter.attempts,
    error: letter.error,
    target: letter.target,
    url: letter.url,
    listenerId: letter.delivery.listenerId,
    realm: event.realmName,
    eventId: event.id,
    event: event.type ?? `${String(event.operationType)} ${String(event.resourceType)} ${String(event.resourcePath)}`,
  };
}

function line(letter: StoredDelivery): string {
  const s = summary(letter);
  return `${s.id}  ${s.failedAt}  ${s.target} ${s.url ?? ''}  realm=${s.realm} event=${s.eventId} (${s.event})  attempts=${s.attempts}  error: ${s.error?.message ?? 'unknown'}`;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`events: ${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exitCode = 1;
}
