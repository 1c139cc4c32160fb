/**
 * How long each HTTP handler module may run, in seconds: the Lambda timeout the stack sets and the one
 * the local gateway enforces. 10 s by default; admin/realms creates, imports and deletes whole realms
 * (thousands of items), so it gets 29 s, just under the HTTP API's 30 s integration limit.
 */
const LONG_RUNNING: Readonly<Record<string, number>> = { 'admin/realms': 29 };
const DEFAULT_SECONDS = 10;

export function functionTimeoutSeconds(fn: string): number {
  return LONG_RUNNING[fn] ?? DEFAULT_SECONDS;
}
