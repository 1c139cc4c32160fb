/**
 * The port the publisher puts entries on (DESIGN.md §2 ports and adapters): EventBridge on AWS
 * (eventbridge-bus.ts), the in-process bus locally (bin/local/events/local-bus.ts).
 */
export interface BusEntry {
  readonly Source: string;
  readonly DetailType: string;
  /** JSON text of the detail object. */
  readonly Detail: string;
  readonly Time?: Date;
}

/** Per entry, in order: accepted, or the error that refused it (PutEvents' per-entry ErrorCode). */
export type PutResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface EventBus {
  /** At most 10 entries and 256 KiB per call, as PutEvents. */
  put(entries: readonly BusEntry[]): Promise<PutResult[]>;
}

/** PutEvents' limits. */
export const MAX_ENTRIES_PER_PUT = 10;
export const MAX_BYTES_PER_PUT = 256 * 1024;

/** An entry's size as EventBridge counts it (PutEvents "Calculating PutEvents event entry size"). */
export function entrySize(entry: BusEntry): number {
  return 14 + Buffer.byteLength(entry.Source) + Buffer.byteLength(entry.DetailType) + Buffer.byteLength(entry.Detail);
}
