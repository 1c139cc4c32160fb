import { ConfigError, loadSettings, once, parse, type Settings } from '../config/env-config.js';

export interface HttpConfig {
  /**
   * Public base URL, like Keycloak's `hostname` option: a full URL (`https://auth.example.com`,
   * optionally with a path) or a bare host name (https is assumed). Unset: taken from each request.
   * @default undefined
   */
  readonly hostname: string | undefined;
}

function parseHostname(raw: string, variable: string): string {
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new ConfigError(`${variable} must be a host name or an http(s) URL, not "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${variable} must use http or https, not "${url.protocol}"`);
  }
  if (url.search || url.hash) throw new ConfigError(`${variable} must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const settings: Settings<HttpConfig> = {
  hostname: { variable: 'GATEHOUSE_HOSTNAME', parse: parse.optional(parseHostname), defaultValue: undefined },
};

export const httpConfig = once(() => loadSettings(settings));
