import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { keyProviders } from '../../shared/keys/key-providers.js';
import { log } from '../../shared/log/logger.js';
import { bootstrapMaster } from '../../shared/realm/bootstrap-master.js';
import { defaultStore } from '../../shared/store/default-store.js';
import { realmCreation } from '../../shared/realm/create-realm.js';

const physicalResourceId = 'gatehouse-master-realm';

/**
 * CloudFormation custom resource (custom-resources Provider, onEvent): on deploy, creates the
 * master realm and its bootstrap admin from the stack's generated Secrets Manager secret
 * (`{"username": ..., "password": ...}`), exactly once. Updates keep what exists; deleting the stack
 * leaves realm data alone (the table is retained).
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<{ PhysicalResourceId: string; Data?: Record<string, string> }> {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalResourceId };
  const secretArn = String(event.ResourceProperties.AdminSecretArn ?? '');
  if (!secretArn) throw new Error('AdminSecretArn is required');
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  const { username, password } = JSON.parse(secret.SecretString ?? '{}') as { username?: string; password?: string };
  if (!username || !password) throw new Error('The admin secret must hold "username" and "password"');
  const outcome = await bootstrapMaster(realmCreation(defaultStore(), keyProviders()), { username, password });
  log('info', 'master realm bootstrap', { outcome, requestType: event.RequestType });
  return { PhysicalResourceId: physicalResourceId, Data: { Outcome: outcome } };
}
