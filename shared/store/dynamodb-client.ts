import { DynamoDbJsonClient } from './dynamodb/dynamodb-json-client.js';
import { storeConfig } from './store-config.js';

/**
 * One DynamoDB client per container, created on first use (no top-level work at import time).
 * The endpoint comes from GATEHOUSE_DYNAMODB_ENDPOINT; credentials and region from the standard AWS
 * environment (DynamoDB Local accepts any credentials, so the local runtime sets dummy ones).
 */
let client: DynamoDbJsonClient | undefined;

export function documentClient(): DynamoDbJsonClient {
  if (!client) client = createDocumentClient(storeConfig().endpoint);
  return client;
}

export function createDocumentClient(endpoint: string | undefined): DynamoDbJsonClient {
  return new DynamoDbJsonClient({ endpoint });
}
