import { afterAll, inject } from 'vitest';
import { dropFreshTables } from './tables.js';

// Handlers read the endpoint from the environment, as in Lambda; point them at the run's DynamoDB Local.
process.env.GATEHOUSE_DYNAMODB_ENDPOINT = inject('dynamoDbEndpoint');

// Runs after the test file's own afterAll hooks (servers closed first).
afterAll(dropFreshTables);
