import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { storeConfig } from './store-config.js';

/**
 * One document client per container, created on first use (no top-level work at import time).
 * The endpoint comes from GATEHOUSE_DYNAMODB_ENDPOINT; credentials and region from the standard AWS
 * environment (DynamoDB Local accepts any credentials, so the local runtime sets dummy ones).
 */
let client: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  if (!client) client = createDocumentClient(storeConfig().endpoint);
  return client;
}

export function createDocumentClient(endpoint: string | undefined): DynamoDBDocumentClient {
  const base = new DynamoDBClient(endpoint ? { endpoint, maxAttempts: 3 } : { maxAttempts: 3 });
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
