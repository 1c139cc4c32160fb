import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the run started: anything near `cores` means a busy machine. */
  readonly loadAtStart: number;
}

export interface RunIdentity {
  readonly date: string;
  readonly commit: string;
  /** True when the work tree had uncommitted changes: the figures are for commit + those changes. */
  readonly dirty: boolean;
  readonly command: string;
}

export function machineInfo(): MachineInfo {
  const all = cpus();
  return {
    cores: all.length,
    cpuModel: all[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export function runIdentity(argv: readonly string[]): RunIdentity {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return '';
    }
  };
  return {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
}
