/**
 * Lambda runs each invocation in an execution environment of its own, and its timeout counts from the
 * moment the invocation starts. Locally every invocation shares one process, so a burst (a hundred
 * refreshes at once) would have each handler's clock run while it waits for the others. The gateway
 * therefore starts at most `size` invocations at a time; the rest wait, as for a free environment,
 * before their clock starts.
 */
export class InvocationSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(invoke: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await invoke();
    } finally {
      // The slot passes straight to the next waiter, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
