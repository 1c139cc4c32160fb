import { loadSettings, parse, type Settings } from '../../shared/config/env-config.js';

export interface LocalConfig {
  /**
   * Port of the local gateway; 0 picks a free one (printed at start).
   * @default 8080
   */
  readonly port: number;
  /**
   * Address the gateway listens on. Anything but loopback needs an explicit admin password.
   * @default "127.0.0.1"
   */
  readonly bind: string;
  /**
   * Throwaway store: DynamoDB Local in memory and a temporary data directory, gone at exit.
   * @default false
   */
  readonly inMemory: boolean;
  /** Bootstrap admin of the master realm (also read from KC_BOOTSTRAP_ADMIN_USERNAME). */
  readonly adminUsername: string | undefined;
  /** Bootstrap admin's password (also read from KC_BOOTSTRAP_ADMIN_PASSWORD). */
  readonly adminPassword: string | undefined;
  /**
   * Port of the local SES stand-in (aws-ses-v2-local); 0 picks a free one.
   * @default 8005
   */
  readonly sesPort: number;
  /**
   * Where the DynamoDB Local jar is cached after its first download.
   * @default "~/.cache/gatehouse/dynamodb-local"
   */
  readonly dynamoDbLocalDir: string | undefined;
  /**
   * The local events pipeline: the table's stream, its poller, the publisher and the listeners
   * (webhooks, mail). Off: no stream on a new table and no deliveries; event items are still written
   * and listed. The benchmark turns it off (on AWS the stream costs the functions nothing, while
   * DynamoDB Local's stream slows every write as its records pile up), and so do tests that deliver nothing.
   * @default true
   */
  readonly events: boolean;
}

const settings: Settings<LocalConfig> = {
  port: { variable: 'GATEHOUSE_PORT', parse: parse.integer(0, 65535), defaultValue: 8080 },
  bind: { variable: 'GATEHOUSE_BIND', parse: parse.text, defaultValue: '127.0.0.1' },
  inMemory: { variable: 'GATEHOUSE_IN_MEMORY', parse: parse.flag, defaultValue: false },
  adminUsername: { variable: 'GATEHOUSE_ADMIN_USERNAME', parse: parse.optional(parse.text), defaultValue: undefined },
  adminPassword: { variable: 'GATEHOUSE_ADMIN_PASSWORD', parse: parse.optional(parse.text), defaultValue: undefined },
  sesPort: { variable: 'GATEHOUSE_SES_PORT', parse: parse.integer(0, 65535), defaultValue: 8005 },
  dynamoDbLocalDir: { variable: 'GATEHOUSE_DYNAMODB_LOCAL_DIR', parse: parse.optional(parse.text), defaultValue: undefined },
  events: { variable: 'GATEHOUSE_LOCAL_EVENTS', parse: parse.flag, defaultValue: true },
};

export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const config = loadSettings(settings, env);
  return {
    ...config,
    adminUsername: config.adminUsername ?? (env.KC_BOOTSTRAP_ADMIN_USERNAME || undefined),
    adminPassword: config.adminPassword ?? (env.KC_BOOTSTRAP_ADMIN_PASSWORD || undefined),
  };
}
