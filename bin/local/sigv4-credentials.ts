import { randomBytes } from 'node:crypto';
import type { SigningIdentity } from './sigv4-verifier.js';

/** The account and principal the local gateway reports for SigV4 callers (API Gateway reports the real ones). */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_USER_ARN = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/gatehouse-local`;
const LOCAL_USER_ID = 'AIDAGATEHOUSELOCAL0000';

export interface LocalSigningIdentity extends SigningIdentity {
  /** Made up at start because the environment had no AWS credentials: print them once. */
  readonly generated: boolean;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An access key id shaped like AWS's (AKIA + 16 base32 characters) and a 40-character secret. */
function generatedCredentials() {
  const id = [...randomBytes(16)].map((byte) => BASE32[byte % 32]).join('');
  return { accessKeyId: `AKIA${id}`, secretAccessKey: randomBytes(30).toString('base64') };
}

/**
 * The credentials `/iam` requests must be signed with locally: the standard AWS variables the runtime
 * was started with (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION), or a
 * fresh pair when none are set. Read before the runtime fills in DynamoDB Local's dummy credentials.
 */
export function signingIdentityFrom(env: NodeJS.ProcessEnv): LocalSigningIdentity {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  const principal = { region, accountId: LOCAL_ACCOUNT_ID, userArn: LOCAL_USER_ARN, userId: LOCAL_USER_ID };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    return { ...principal, credentials, generated: false };
  }
  return { ...principal, credentials: generatedCredentials(), generated: true };
}

let configured: LocalSigningIdentity | undefined;

/** Set by the local runtime at start; without it the gateway reads this process's environment once. */
export function useSigningIdentity(identity: LocalSigningIdentity | undefined): void {
  configured = identity;
}

export function currentSigningIdentity(): LocalSigningIdentity {
  return (configured ??= signingIdentityFrom(process.env));
}
