/**
 * Every GATEHOUSE_* environment variable Gatehouse reads. A GATEHOUSE_* variable not listed here is a
 * configuration error (most likely a typo), reported at start-up instead of being silently ignored.
 * README.md documents each one; `test/unit/config.test.ts` checks that it does.
 */
export const knownVariables = [
  'GATEHOUSE_TABLE',
  'GATEHOUSE_DYNAMODB_ENDPOINT',
  'GATEHOUSE_HOSTNAME',
  'GATEHOUSE_KEY_CUSTODY',
  'GATEHOUSE_KMS_KEY_ID',
  'GATEHOUSE_KMS_KEY_TAG',
  'GATEHOUSE_KMS_SIGNER_ROLES',
  'GATEHOUSE_DATA_DIR',
  'GATEHOUSE_CONFIG_CACHE_SECONDS',
  'GATEHOUSE_LOG_LEVEL',
  'GATEHOUSE_PORT',
  'GATEHOUSE_BIND',
  'GATEHOUSE_IN_MEMORY',
  'GATEHOUSE_ADMIN_USERNAME',
  'GATEHOUSE_ADMIN_PASSWORD',
  'GATEHOUSE_SES_PORT',
  'GATEHOUSE_DYNAMODB_LOCAL_DIR',
  'GATEHOUSE_LOCAL_EVENTS',
  'GATEHOUSE_IAM_ADMINS',
  'GATEHOUSE_IMPORT',
  'GATEHOUSE_EVENT_BUS',
  'GATEHOUSE_WEBHOOK_CONNECTION_ARN',
  'GATEHOUSE_WEBHOOK_ROLE_ARN',
  'GATEHOUSE_EVENTS_DLQ_ARN',
  'GATEHOUSE_MAIL_FROM',
  'GATEHOUSE_SES_ENDPOINT',
] as const;

export type KnownVariable = (typeof knownVariables)[number];
