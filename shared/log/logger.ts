import { loadSettings, once, parse, type Settings } from '../config/env-config.js';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

interface LogConfig {
  /**
   * Lowest level written (debug, info, warn, error, silent). One JSON object per line on stdout.
   * @default "info"
   */
  readonly level: Level;
}

const settings: Settings<LogConfig> = {
  level: {
    variable: 'GATEHOUSE_LOG_LEVEL',
    parse: parse.oneOf(['debug', 'info', 'warn', 'error', 'silent'] as const),
    defaultValue: 'info',
  },
};
const logConfig = once(() => loadSettings(settings));

/**
 * Structured JSON logging (DESIGN.md §11). Callers pass facts, never secrets: no passwords, tokens,
 * codes, cookies or Authorization headers are ever given to the logger.
 */
export function log(level: Exclude<Level, 'silent'>, message: string, fields: Record<string, unknown> = {}): void {
  if (rank[level] < rank[logConfig().level]) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }, errorReplacer);
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
