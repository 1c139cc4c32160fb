import type { FlowCapacity } from '../capacity/capacity-units.js';
import type { FlowName } from '../load/gatehouse-flows.js';
import { round } from '../load/load-point.js';
import { cognito, lambdaMbPerVcpu, prices } from './prices.js';

/** What the model is told; every figure in the cost table follows from these and the price table. */
export const assumptions = {
  /** lib/functions.ts gives every function 1,024 MB. */
  memoryMb: 1024,
  /** One DynamoDB call inside AWS's region, from Lambda: a typical single-digit-millisecond round trip. */
  dynamoDbCallMs: 5,
  /** One KMS Sign (RSA_2048) round trip from Lambda. */
  kmsSignMs: 10,
  /** Share of requests that meet a cold container (INIT billed since 2025-08-01). */
  coldStartShare: 0.001,
  /**
   * One monthly active user: logins (password grant, the only login flow so far), a refresh every
   * 5 minutes (Keycloak's access token lifespan) for 1 active hour on 20 days, a userinfo call per
   * login; resource servers verify JWTs locally (JWKS and discovery are cached by clients: ~0).
   */
  perMau: { password: 20, refresh_token: 240, userinfo: 20, introspection: 0, client_credentials: 0, jwks: 0, discovery: 0 } satisfies Record<FlowName, number>,
  /** Stored bytes per user (user item, credential, role mapping, sentinels, sessions). */
  bytesPerUser: 4096,
} as const;

/** What one flow costs per million requests, by service, in US dollars. */
export interface FlowCost {
  readonly flow: FlowName;
  readonly architecture: 'arm64' | 'x86_64';
  /** Billed Lambda milliseconds per request under the assumptions. */
  readonly lambdaMs: number;
  readonly lambda: number;
  readonly apiGateway: number;
  readonly dynamoDb: number;
  /** KMS Sign per asymmetric signature, with `kms` key custody (0 with `envelope`). */
  readonly kms: number;
  readonly totalEnvelope: number;
  readonly totalKms: number;
}

export interface FlowCostInput {
  readonly flow: FlowName;
  readonly architecture: 'arm64' | 'x86_64';
  /** Server CPU milliseconds per request, measured at concurrency 1. */
  readonly cpuMsPerRequest: number;
  readonly capacity: FlowCapacity | undefined;
  /** RSA signatures per response (access and ID tokens). */
  readonly signatures: number;
  /** Median cold init of the function, in ms. */
  readonly coldInitMs: number;
}

/**
 * Billed duration = CPU time measured here, stretched by Lambda's CPU share at 1,024 MB (1,769 MB is
 * one vCPU), plus a round trip per DynamoDB call (warm: the calls measured per request) and per KMS
 * Sign; cold starts add their INIT time at `coldStartShare`.
 */
export function flowCost(input: FlowCostInput): FlowCost {
  const a = assumptions;
  const warm = input.capacity?.warm;
  const dynamoCalls = warm ? Object.values(warm.calls).reduce((sum, n) => sum + n, 0) : 0;
  const cpuMs = input.cpuMsPerRequest * (lambdaMbPerVcpu / a.memoryMb);
  const baseMs = cpuMs + dynamoCalls * a.dynamoDbCallMs + input.coldInitMs * a.coldStartShare;
  const gbSecond = input.architecture === 'arm64' ? prices.lambdaGbSecondArm.usd : prices.lambdaGbSecondX86.usd;
  const lambdaFor = (ms: number) => 1e6 * (prices.lambdaRequest.usd + (Math.ceil(ms) / 1000) * (a.memoryMb / 1024) * gbSecond);
  const lambda = lambdaFor(baseMs);
  const lambdaKms = lambdaFor(baseMs + input.signatures * a.kmsSignMs);
  const apiGateway = 1e6 * prices.httpApiRequest.usd;
  const dynamoDb = 1e6 * ((warm?.readUnits ?? 0) * prices.dynamoReadRequestUnit.usd + (warm?.writeUnits ?? 0) * prices.dynamoWriteRequestUnit.usd);
  const kms = 1e6 * input.signatures * prices.kmsRequest.usd;
  return {
    flow: input.flow,
    architecture: input.architecture,
    lambdaMs: Math.ceil(baseMs),
    lambda: round(lambda, 2),
    apiGateway: round(apiGateway, 2),
    dynamoDb: round(dynamoDb, 2),
    kms: round(kms, 2),
    totalEnvelope: round(lambda + apiGateway + dynamoDb, 2),
    totalKms: round(lambdaKms + apiGateway + dynamoDb + kms, 2),
  };
}

export interface MauCost {
  readonly requestsPerMau: number;
  readonly gatehouseEnvelope: number;
  readonly gatehouseKms: number;
  readonly storage: number;
  readonly cognitoLite: number;
  readonly cognitoEssentials: number;
  readonly cognitoPlus: number;
  /** Cognito M2M for comparison: 1M client_credentials token requests. */
  readonly cognitoM2mPerMillionTokens: number;
  readonly gatehouseClientCredentialsPerMillion: number | undefined;
}

/** Per 1,000,000 monthly active users with the activity in `assumptions.perMau`. */
export function mauCost(costs: readonly FlowCost[], users = 1_000_000): MauCost {
  let envelope = 0;
  let kms = 0;
  let requests = 0;
  for (const cost of costs) {
    const count = assumptions.perMau[cost.flow];
    requests += count;
    envelope += (count * users * cost.totalEnvelope) / 1e6;
    kms += (count * users * cost.totalKms) / 1e6;
  }
  const storage = ((users * assumptions.bytesPerUser) / 2 ** 30) * prices.dynamoStorageGbMonth.usd;
  const cc = costs.find((cost) => cost.flow === 'client_credentials');
  return {
    requestsPerMau: requests,
    gatehouseEnvelope: round(envelope + storage, 0),
    gatehouseKms: round(kms + storage, 0),
    storage: round(storage, 2),
    cognitoLite: round(tiered(cognito.lite, users), 0),
    cognitoEssentials: round(tiered(cognito.essentials, users), 0),
    cognitoPlus: round(tiered(cognito.plus, users), 0),
    cognitoM2mPerMillionTokens: round(1e6 * cognito.m2mTokenRequest, 0),
    gatehouseClientCredentialsPerMillion: cc ? cc.totalEnvelope : undefined,
  };
}

function tiered(tiers: readonly { upTo: number; usd: number }[], users: number): number {
  let total = 0;
  let from = 0;
  for (const tier of tiers) {
    const inTier = Math.max(0, Math.min(users, tier.upTo) - from);
    total += inTier * tier.usd;
    from = tier.upTo;
    if (users <= tier.upTo) break;
  }
  return total;
}
