import { inject } from 'vitest';

// Handlers read the endpoint from the environment, as in Lambda; point them at the run's DynamoDB Local.
process.env.GATEHOUSE_DYNAMODB_ENDPOINT = inject('dynamoDbEndpoint');
