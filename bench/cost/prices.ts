/**
 * THE price table of the bench: AWS list prices, us-east-1, on-demand, no free tier, no savings plans.
 * Each row says since when the price has been in force and where it is published. They were written
 * down from those pages, not fetched by the bench (this machine reaches no AWS site): check the pages
 * before quoting a figure, and change a row together with its `since` date.
 */
export interface Price {
  readonly usd: number;
  readonly per: string;
  /** When this list price took effect (or the earliest date we know it held). */
  readonly since: string;
  readonly source: string;
}

export const prices = {
  lambdaRequest: { usd: 0.2 / 1e6, per: 'request', since: '2020-12-01', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaGbSecondArm: { usd: 0.0000133334, per: 'GB-second (arm64, first 7.5 billion GB-s/month)', since: '2021-09-29', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaGbSecondX86: { usd: 0.0000166667, per: 'GB-second (x86_64, first 6 billion GB-s/month)', since: '2020-12-01', source: 'https://aws.amazon.com/lambda/pricing/' },
  httpApiRequest: { usd: 1.0 / 1e6, per: 'HTTP API request (first 300 million/month, per 512 KB)', since: '2020-03-12', source: 'https://aws.amazon.com/api-gateway/pricing/' },
  dynamoReadRequestUnit: { usd: 0.125 / 1e6, per: 'on-demand read request unit', since: '2024-11-01', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  dynamoWriteRequestUnit: { usd: 0.625 / 1e6, per: 'on-demand write request unit', since: '2024-11-01', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  dynamoStorageGbMonth: { usd: 0.25, per: 'GB-month of table storage (Standard class, beyond 25 GB)', since: '2018-11-28', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  kmsRequest: { usd: 0.03 / 1e4, per: 'KMS request (symmetric, and asymmetric involving RSA 2048 keys: Sign)', since: '2019-11-25', source: 'https://aws.amazon.com/kms/pricing/' },
  kmsKeyMonth: { usd: 1.0, per: 'customer managed KMS key per month', since: '2014-11-12', source: 'https://aws.amazon.com/kms/pricing/' },
} as const satisfies Record<string, Price>;

/** Cognito user pools' published prices, the comparison the issue asks for (feature plans since 2024-11-22). */
export const cognito = {
  since: '2024-11-22',
  source: 'https://aws.amazon.com/cognito/pricing/',
  /** Lite: tiered per MAU after 10,000 free MAUs. */
  lite: [
    { upTo: 10_000, usd: 0 },
    { upTo: 100_000, usd: 0.0055 },
    { upTo: 1_000_000, usd: 0.0046 },
    { upTo: 10_000_000, usd: 0.00325 },
    { upTo: Infinity, usd: 0.0025 },
  ],
  /** Essentials (the default plan): per MAU after 10,000 free MAUs. */
  essentials: [
    { upTo: 10_000, usd: 0 },
    { upTo: Infinity, usd: 0.015 },
  ],
  /** Plus: per MAU, no free tier. */
  plus: [{ upTo: Infinity, usd: 0.02 }],
  /** Machine-to-machine (client_credentials), since 2024-05-09: per token request, first tier, plus $6 per app client-month. */
  m2mTokenRequest: 2.25 / 1000,
  m2mAppClientMonth: 6,
} as const;

/** Since 2025-08-01 Lambda bills the INIT phase of on-demand functions on managed runtimes like invocation time. */
export const lambdaInitBilledSince = '2025-08-01';

/** Lambda's CPU share grows with memory: 1,769 MB is one full vCPU (Lambda's configuration docs). */
export const lambdaMbPerVcpu = 1769;
