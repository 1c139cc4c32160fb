import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { adminEventItem } from '../../shared/events/admin-event.js';
import { eventListenerRecord } from '../../shared/events/listeners/listener.js';
import type { BusEntry, EventBus, PutResult } from '../../shared/events/publisher/event-bus.js';
import { batches, publishRecords } from '../../shared/events/publisher/publish-records.js';
import { userEventItem } from '../../shared/events/user-event.js';
import type { Item } from '../../shared/store/store.js';

/** The stream publisher (issue 5, item 1) against a bus that records, refuses or throws. */

let sequence = 0;
function record(item: Item, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT'): DynamoDBRecord {
  sequence += 1;
  const image = marshall(item, { removeUndefinedValues: true }) as never;
  return {
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: { SequenceNumber: String(sequence).padStart(21, '0'), ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }) },
  };
}

const userEvent = (type = 'REGISTER') => userEventItem({ realm: 'shop', eventsEnabled: true }, { realmId: 'r1', type, userId: 'u1' });
const realm = {
  rep: { eventsListeners: ['webhook'] },
  eventListeners: [eventListenerRecord('r1', { id: 'hook', type: 'webhook', enabled: true, url: 'https://x.example/h', secret: 's'.repeat(20), eventTypes: [], includeAdminEvents: true })],
};

class RecordingBus implements EventBus {
  readonly calls: BusEntry[][] = [];
  constructor(private readonly answer: (entry: BusEntry, call: number) => PutResult | 'throw' = () => ({ ok: true })) {}
  async put(entries: readonly BusEntry[]): Promise<PutResult[]> {
    this.calls.push([...entries]);
    const answers = entries.map((entry) => this.answer(entry, this.calls.length));
    if (answers.includes('throw')) throw new Error('network down');
    return answers as PutResult[];
  }
}

const deps = (bus: EventBus) => ({ bus, realm: async () => realm, sleep: async () => undefined });

describe('stream publisher', () => {
  it('publishes new event items only: not other items, updates or TTL deletions', async () => {
    const bus = new RecordingBus();
    const event = userEvent();
    const result = await publishRecords(
      [record({ pk: 'USER#r1#u1', sk: '#', entity: 'User' }), record(event, 'REMOVE'), record(event, 'MODIFY'), record(event)],
      deps(bus),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(bus.calls.flat().map((entry) => entry.DetailType)).toEqual(['UserEvent', 'ListenerDelivery']);
    expect(bus.calls.flat().every((entry) => entry.Source === 'gatehouse')).toBe(true);
  });

  it('puts at most 10 entries per call', async () => {
    const bus = new RecordingBus();
    await publishRecords(Array.from({ length: 12 }, () => record(userEvent())), deps(bus));
    // 12 events × (event + one webhook delivery) = 24 entries → 10 + 10 + 4.
    expect(bus.calls.map((call) => call.length)).toEqual([10, 10, 4]);
  });

  it('splits by size too (256 KiB per PutEvents)', () => {
    const entry = (kb: number) => ({ entry: { Source: 'gatehouse', DetailType: 'UserEvent', Detail: 'x'.repeat(kb * 1024) } });
    expect(batches([entry(100), entry(100), entry(100), entry(10)]).map((batch) => batch.length)).toEqual([2, 2]);
  });

  it('retries the entries EventBridge refused, and only those', async () => {
    const bus = new RecordingBus((entry, call) => (call === 1 && entry.DetailType === 'ListenerDelivery' ? { ok: false, error: 'ThrottlingException: slow down' } : { ok: true }));
    const result = await publishRecords([record(userEvent())], deps(bus));
    expect(result.batchItemFailures).toEqual([]);
    expect(bus.calls.map((call) => call.map((entry) => entry.DetailType))).toEqual([['UserEvent', 'ListenerDelivery'], ['ListenerDelivery']]);
  });

  it('reports the records whose entries kept failing, so the stream retries exactly those', async () => {
    const failing = userEvent('DELETE_ACCOUNT');
    const bus = new RecordingBus((entry) => (entry.Detail.includes('DELETE_ACCOUNT') ? { ok: false, error: 'InternalFailure: x' } : { ok: true }));
    const records = [record(userEvent()), record(failing), record(userEvent())];
    const result = await publishRecords(records, { ...deps(bus), attempts: 3 });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.dynamodb!.SequenceNumber }]);
    expect(bus.calls).toHaveLength(3);
  });

  it('reports every record of a batch whose PutEvents call kept throwing', async () => {
    const bus = new RecordingBus(() => 'throw');
    const records = [record(userEvent()), record(adminEventItem({ id: 'r1', realm: 'shop', adminEventsEnabled: true }, { realmId: 'master' }, { operationType: 'DELETE', resourceType: 'USER', resourcePath: 'users/u1' }))];
    const result = await publishRecords(records, { ...deps(bus), attempts: 2 });
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(records.map((r) => r.dynamodb!.SequenceNumber).sort());
  });

  it('reports a record whose realm could not be read, and publishes the rest', async () => {
    const bus = new RecordingBus();
    const records = [record(userEvent()), record(userEvent())];
    let calls = 0;
    const result = await publishRecords(records, { bus, sleep: async () => undefined, realm: async () => (++calls === 1 ? Promise.reject(new Error('throttled')) : realm) });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber }]);
    expect(bus.calls.flat()).toHaveLength(2);
  });

  it('publishes the event itself when the realm is gone', async () => {
    const bus = new RecordingBus();
    await publishRecords([record(userEvent())], { bus, realm: async () => undefined });
    expect(bus.calls.flat().map((e) => e.DetailType)).toEqual(['UserEvent']);
  });
});
