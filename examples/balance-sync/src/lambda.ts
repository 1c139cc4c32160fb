import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { Balances } from './balances.js';
import { emptyCounts, handleWebhook } from './app.js';

const balances = new Balances(new DynamoDBClient({}), process.env.BALANCE_TABLE!);
let secret: Promise<string> | undefined;

/** The balance-sync backend on AWS: a Lambda function URL that Gatehouse's webhook listener calls. */
export async function handler(event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> {
  secret ??= new SecretsManagerClient({})
    .send(new GetSecretValueCommand({ SecretId: process.env.WEBHOOK_SECRET_ARN! }))
    .then((out) => out.SecretString ?? '');
  const rawBody = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const answer = await handleWebhook(event.headers, rawBody, balances, {
    secret: await secret,
    realms: (process.env.BALANCE_REALMS ?? '').split(',').filter(Boolean),
    toleranceSeconds: 24 * 60 * 60 + 300,
  }, emptyCounts());
  return { statusCode: answer.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer.body) };
}
