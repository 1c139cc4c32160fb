import { knownVariables, type KnownVariable } from './known-variables.js';

/** Thrown for configuration that cannot be used; start-up stops with its message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface Setting<T> {
  readonly variable: KnownVariable;
  readonly parse: (raw: string, variable: string) => T;
  readonly defaultValue: T;
}

export type Settings<T> = { readonly [K in keyof T]: Setting<T[K]> };

type Env = Readonly<Record<string, string | undefined>>;

/** Reads one area's settings from the environment; empty strings count as unset. */
export function loadSettings<T>(settings: Settings<T>, env: Env = process.env): T {
  assertNoUnknownVariables(env);
  const result = {} as { [K in keyof T]: T[K] };
  for (const key of Object.keys(settings) as (keyof T)[]) {
    const setting = settings[key];
    const raw = env[setting.variable];
    result[key] = raw === undefined || raw === '' ? setting.defaultValue : setting.parse(raw, setting.variable);
  }
  return result;
}

export function assertNoUnknownVariables(env: Env = process.env): void {
  const known = new Set<string>(knownVariables);
  const unknown = Object.keys(env).filter((name) => name.startsWith('GATEHOUSE_') && !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(`Unknown configuration variable(s): ${unknown.sort().join(', ')} (see README.md)`);
  }
}

export const parse = {
  text: (raw: string): string => raw,
  flag(raw: string, variable: string): boolean {
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    throw new ConfigError(`${variable} must be true or false, not "${raw}"`);
  },
  integer(min: number, max: number) {
    return (raw: string, variable: string): number => {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(`${variable} must be a whole number from ${min} to ${max}, not "${raw}"`);
      }
      return value;
    };
  },
  oneOf<const V extends string>(values: readonly V[]) {
    return (raw: string, variable: string): V => {
      if (!(values as readonly string[]).includes(raw)) {
        throw new ConfigError(`${variable} must be one of ${values.join(', ')}, not "${raw}"`);
      }
      return raw as V;
    };
  },
  optional<T>(inner: (raw: string, variable: string) => T) {
    return (raw: string, variable: string): T | undefined => inner(raw, variable);
  },
};

/** Memoizes a loader so each area reads the environment once per container. */
export function once<T>(load: () => T): { (): T; reset(): void } {
  let value: { v: T } | undefined;
  const get = (): T => (value ??= { v: load() }).v;
  return Object.assign(get, { reset: () => (value = undefined) });
}
