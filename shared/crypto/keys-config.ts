import { ConfigError, loadSettings, once, parse, type Settings } from '../config/env-config.js';

export type KeyCustody = 'local' | 'envelope' | 'kms';

export interface KeysConfig {
  /**
   * Where new realms' signing keys live (DESIGN.md §6):
   * `local` — generated here, sealed under the master key in the data directory (npm start);
   * `envelope` — generated in the function, sealed under the KMS key GATEHOUSE_KMS_KEY_ID;
   * `kms` — an asymmetric KMS key per realm key; every signature is a KMS Sign call.
   * HMAC keys are never `kms`: with `kms` they are envelope-sealed.
   * @default "local"
   */
  readonly custody: KeyCustody;
  /**
   * The KMS key (id or ARN) that seals secret key material (`envelope`, and HMAC keys with `kms`).
   * @default undefined
   */
  readonly kmsKeyId: string | undefined;
  /**
   * Value of the `gatehouse:stack` tag on KMS keys created for realms; the functions' IAM policy only
   * lets them use keys carrying their stack's tag.
   * @default "gatehouse"
   */
  readonly kmsKeyTag: string;
  /**
   * IAM role ARNs (comma-separated) the key policy of every KMS signing key created for a realm lets
   * sign and read the public key: the stack's signing functions. Nothing else gets Sign on those keys
   * from Gatehouse; the account keeps administration through the key policy.
   * @default []
   */
  readonly kmsSignerRoles: readonly string[];
  /**
   * Data directory of the local runtime: DynamoDB Local's files and the local master key.
   * @default ".gatehouse"
   */
  readonly dataDir: string;
}

const settings: Settings<KeysConfig> = {
  custody: { variable: 'GATEHOUSE_KEY_CUSTODY', parse: parse.oneOf(['local', 'envelope', 'kms'] as const), defaultValue: 'local' },
  kmsKeyId: { variable: 'GATEHOUSE_KMS_KEY_ID', parse: parse.optional(parse.text), defaultValue: undefined },
  kmsKeyTag: { variable: 'GATEHOUSE_KMS_KEY_TAG', parse: parse.text, defaultValue: 'gatehouse' },
  kmsSignerRoles: { variable: 'GATEHOUSE_KMS_SIGNER_ROLES', parse: parseRoleArns, defaultValue: [] },
  dataDir: { variable: 'GATEHOUSE_DATA_DIR', parse: parse.text, defaultValue: '.gatehouse' },
};

function parseRoleArns(raw: string, variable: string): string[] {
  const arns = raw.split(',').map((arn) => arn.trim()).filter(Boolean);
  const bad = arns.find((arn) => !/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn));
  if (bad) throw new ConfigError(`${variable} must be IAM role ARNs separated by commas, not "${bad}"`);
  return arns;
}

export const keysConfig = once(() => {
  const config = loadSettings(settings);
  if (config.custody !== 'local' && !config.kmsKeyId) {
    throw new ConfigError(`GATEHOUSE_KEY_CUSTODY=${config.custody} needs GATEHOUSE_KMS_KEY_ID`);
  }
  if (config.custody === 'kms' && config.kmsSignerRoles.length === 0) {
    throw new ConfigError('GATEHOUSE_KEY_CUSTODY=kms needs GATEHOUSE_KMS_SIGNER_ROLES');
  }
  return config;
});
