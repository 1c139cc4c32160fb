import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { BusEntry, EventBus, PutResult } from './event-bus.js';

/** The EventBridge adapter of the bus port: one PutEvents call per batch, on the stack's bus. */
export function eventBridgeBus(busName: string, client = new EventBridgeClient({ maxAttempts: 3 })): EventBus {
  return {
    async put(entries: readonly BusEntry[]): Promise<PutResult[]> {
      const out = await client.send(
        new PutEventsCommand({ Entries: entries.map((entry) => ({ ...entry, EventBusName: busName })) }),
      );
      // PutEvents answers one result per entry, in order; a failed one carries ErrorCode/ErrorMessage.
      return entries.map((_entry, index) => {
        const result = out.Entries?.[index];
        return result?.EventId && !result.ErrorCode
          ? { ok: true as const }
          : { ok: false as const, error: `${result?.ErrorCode ?? 'NoResult'}: ${result?.ErrorMessage ?? 'no result for the entry'}` };
      });
    },
  };
}
