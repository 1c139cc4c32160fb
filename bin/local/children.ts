import type { ChildProcess } from 'node:child_process';

/**
 * Child processes the local runtime started (DynamoDB Local, the SES stand-in). Whatever way this
 * process ends — a signal during start-up, an uncaught error — they are killed with it, so no JVM is
 * left behind holding a port and the data directory.
 */
const children = new Set<ChildProcess>();
let hooked = false;

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const running of children) running.kill('SIGKILL');
    });
  }
  return child;
}
