import { cpuSeconds } from '../process-cpu.js';

/**
 * Waits until the servers have finished what a load point left queued (autocannon stops counting at
 * the deadline; Gatehouse and DynamoDB Local keep working off requests already sent): each process
 * under 10% of a core over 200 ms. Without this, the next point's first requests queue behind the
 * previous point's last ones. Both matter: Gatehouse idles while it waits for a busy DynamoDB Local.
 */
export async function waitUntilIdle(pids: readonly number[], maxMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = pids.map(cpuSeconds);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = pids.map(cpuSeconds);
    if (now.every((seconds, i) => seconds - last[i]! < 0.02)) return;
    last = now;
  }
}
