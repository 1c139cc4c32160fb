import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertNoUnknownVariables, ConfigError, loadSettings, parse } from '../../shared/config/env-config.js';
import { knownVariables } from '../../shared/config/known-variables.js';

describe('configuration', () => {
  it('refuses unknown GATEHOUSE_* variables (typos) and ignores others', () => {
    expect(() => assertNoUnknownVariables({ GATEHOUSE_PROT: '1' })).toThrow(/GATEHOUSE_PROT/);
    expect(() => assertNoUnknownVariables({ PATH: '/bin', GATEHOUSE_PORT: '1' })).not.toThrow();
  });

  it('validates values strictly', () => {
    const settings = { port: { variable: 'GATEHOUSE_PORT' as const, parse: parse.integer(0, 65535), defaultValue: 8080 } };
    expect(loadSettings(settings, {})).toEqual({ port: 8080 });
    expect(loadSettings(settings, { GATEHOUSE_PORT: '9000' })).toEqual({ port: 9000 });
    expect(() => loadSettings(settings, { GATEHOUSE_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadSettings(settings, { GATEHOUSE_PORT: '70000' })).toThrow(/0 to 65535/);
  });

  it('documents every variable in README.md', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const variable of knownVariables) expect(readme, variable).toContain(`\`${variable}\``);
  });
});
