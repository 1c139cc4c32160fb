import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { log } from '../../../shared/log/logger.js';

export interface StreamPollerOptions {
  /** DynamoDB (Local) endpoint; unset: AWS's. */
  readonly endpoint: string | undefined;
  readonly tableName: string;
  /** Where the position in the stream is kept, so a restart neither skips nor replays events. */
  readonly checkpointFile: string;
  /** Same contract as a Lambda stream handler with ReportBatchItemFailures. */
  readonly handle: (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse | void>;
  /** Pause between polls when the stream had nothing new. @default 200 */
  readonly idleMs?: number;
}

export interface StreamPoller {
  stop(): Promise<void>;
}

interface Checkpoint {
  streamArn: string;
  /** Last sequence number handled per shard; `done` once a closed shard is read to its end. */
  shards: Record<string, { sequence?: string; done?: boolean }>;
}

/**
 * The local stand-in for Lambda's DynamoDB event source mapping (DESIGN.md §2): reads DynamoDB Local's
 * stream shard by shard (a child shard after its parent), hands batches of up to 100 records in the
 * Lambda event shape to `handle`, and moves on only past what was handled: on batch item failures it
 * goes back to the first failed record and retries it with backoff, as the mapping does.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const clientConfig = options.endpoint ? { endpoint: options.endpoint } : {};
  const dynamodb = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const table = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamodb.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
  const saved = await readCheckpoint(options.checkpointFile);
  const checkpoint: Checkpoint = saved?.streamArn === streamArn ? saved : { streamArn, shards: {} };
  const iterators = new Map<string, string>();
  const stopping = new AbortController();
  let failures = 0;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stopping.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  const iteratorFor = async (shardId: string): Promise<string | undefined> => {
    const known = iterators.get(shardId);
    if (known) return known;
    const sequence = checkpoint.shards[shardId]?.sequence;
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: sequence ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        ...(sequence ? { SequenceNumber: sequence } : {}),
      }),
    );
    return out.ShardIterator;
  };

  /** Reads one batch of one shard; answers whether it found records. */
  const pollShard = async (shardId: string): Promise<boolean> => {
    const iterator = await iteratorFor(shardId);
    if (!iterator) return await markDone(shardId);
    let out;
    try {
      out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException || (error as Error).name === 'ExpiredIteratorException') {
        iterators.delete(shardId);
        return false;
      }
      throw error;
    }
    const records = (out.Records ?? []).map(lambdaRecord);
    if (records.length > 0) {
      const result = await options.handle(records);
      const failed = result?.batchItemFailures?.map((failure) => failure.itemIdentifier) ?? [];
      const firstFailed = records.findIndex((record) => failed.includes(record.dynamodb?.SequenceNumber ?? ''));
      const handled = firstFailed < 0 ? records : records.slice(0, firstFailed);
      if (handled.length > 0) checkpoint.shards[shardId] = { sequence: handled.at(-1)!.dynamodb!.SequenceNumber! };
      await writeCheckpoint(options.checkpointFile, checkpoint);
      if (firstFailed >= 0) {
        // Back to the first failed record: a fresh iterator after the last handled one.
        iterators.delete(shardId);
        failures++;
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
        return true;
      }
    }
    failures = 0;
    if (out.NextShardIterator) iterators.set(shardId, out.NextShardIterator);
    else return (await markDone(shardId)) || records.length > 0;
    return records.length > 0;
  };

  /** A closed shard read to its end; its children are read next. */
  const markDone = async (shardId: string): Promise<false> => {
    iterators.delete(shardId);
    checkpoint.shards[shardId] = { ...checkpoint.shards[shardId], done: true };
    await writeCheckpoint(options.checkpointFile, checkpoint);
    return false;
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let busy = false;
      try {
        for (const shard of readable(await listShards(streams, streamArn), checkpoint)) {
          if (stopping.signal.aborted) break;
          if (await pollShard(shard.ShardId!)) busy = true;
        }
      } catch (error) {
        log('warn', 'stream poll failed; retrying', { error });
        await sleep(1000);
      }
      if (!busy) await sleep(options.idleMs ?? 200);
    }
  })();

  return {
    async stop() {
      stopping.abort();
      await loop;
      streams.destroy();
    },
  };
}

async function listShards(streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
    shards.push(...(out.StreamDescription?.Shards ?? []));
    start = out.StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return shards;
}

/** Shards not finished yet whose parent (if still listed) is finished: records stay in order per item. */
function readable(shards: readonly Shard[], checkpoint: Checkpoint): Shard[] {
  const listed = new Set(shards.map((shard) => shard.ShardId));
  return shards.filter((shard) => {
    if (checkpoint.shards[shard.ShardId!]?.done) return false;
    const parent = shard.ParentShardId;
    return !parent || !listed.has(parent) || checkpoint.shards[parent]?.done === true;
  });
}

/** A DynamoDB Streams record in the shape Lambda passes to a stream handler. */
function lambdaRecord(record: _Record): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...rest } = record.dynamodb ?? {};
  return {
    ...(record as unknown as DynamoDBRecord),
    dynamodb: {
      ...(rest as DynamoDBRecord['dynamodb']),
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) } : {}),
    },
  };
}

async function readCheckpoint(file: string): Promise<Checkpoint | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Checkpoint;
  } catch {
    return undefined;
  }
}

async function writeCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  await writeFile(`${file}.tmp`, JSON.stringify(checkpoint));
  await rename(`${file}.tmp`, file);
}

