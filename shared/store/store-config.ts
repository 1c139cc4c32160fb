import { loadSettings, once, parse, type Settings } from '../config/env-config.js';
import { defaultTableName } from './table.js';

export interface StoreConfig {
  /**
   * Name of the single table.
   * @default "gatehouse"
   */
  readonly tableName: string;
  /**
   * DynamoDB endpoint URL; unset means the AWS endpoint of AWS_REGION. `npm start` sets it to the
   * DynamoDB Local it started unless you set it yourself.
   * @default undefined
   */
  readonly endpoint: string | undefined;
}

const settings: Settings<StoreConfig> = {
  tableName: { variable: 'GATEHOUSE_TABLE', parse: parse.text, defaultValue: defaultTableName },
  endpoint: { variable: 'GATEHOUSE_DYNAMODB_ENDPOINT', parse: parse.optional(parse.text), defaultValue: undefined },
};

export const storeConfig = once(() => loadSettings(settings));
