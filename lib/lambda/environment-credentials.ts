import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (lib/bundling.ts aliases it
 * here): every SDK client's default credential chain becomes the environment variables Lambda sets
 * from the function's execution role (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) —
 * the first link of the full chain, and on Lambda the one that always answers. The rest of the chain
 * (SSO, ini files, process, web identity through STS, container and instance metadata) is ~130 KB of
 * every bundle that never runs there. The local runtime and tests keep the full chain.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> => fromEnv(init);
