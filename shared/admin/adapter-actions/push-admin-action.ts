import { randomUUID } from 'node:crypto';
import { signJwt } from '../../crypto/jws.js';
import type { SigningAlgorithm } from '../../crypto/key-provider.js';
import { keyProviders } from '../../keys/key-providers.js';
import type { ClientRepresentation } from '../../model/client.js';
import { realmSigner } from '../../oidc/tokens/issue-tokens.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { managementUrls } from './management-urls.js';

/**
 * Keycloak's GlobalRequestResult: the management URLs an adapter action reached and those it did not.
 * Keycloak serializes without nulls, so a push that had nowhere to go is `{}`.
 */
export interface GlobalRequestResult {
  successRequests?: string[];
  failedRequests?: string[];
}

/** How long one adapter may take to answer (Keycloak's HttpClientProvider has a socket timeout too). */
const PUSH_TIMEOUT_MS = 5_000;
/** AdminAction.expiration: Time.currentTime() + 30. */
const ACTION_LIFETIME_S = 30;

/** The adapter actions Gatehouse sends (org.keycloak.representations.adapters.action). */
export type AdapterAction =
  | { readonly action: 'PUSH_NOT_BEFORE'; readonly path: 'k_push_not_before'; readonly notBefore: number }
  | { readonly action: 'LOGOUT'; readonly path: 'k_logout'; readonly notBefore: number }
  | { readonly action: 'TEST_AVAILABLE'; readonly path: 'k_test_available' };

/**
 * ResourceAdminManager.pushRevocationPolicy / logoutClient / testNodesAvailability for one client: for
 * each management URL, an AdminAction JWS (PushNotBeforeAction or LogoutAction: id, expiration,
 * resource = clientId, action, notBefore; TestAvailabilityAction without notBefore), signed with the realm's default signature key (TokenCategory.ADMIN), POSTed as text to
 * `{url}/k_push_not_before`, `{url}/k_logout` or `{url}/k_test_available`; 200 or 204 is a success, anything else (or no
 * answer) a failure.
 */
export async function pushAdminAction(realm: RealmConfig, client: ClientRepresentation, action: AdapterAction, serverBaseUrl: string): Promise<GlobalRequestResult> {
  const urls = managementUrls(client, serverBaseUrl);
  if (urls.length === 0) return {};
  const algorithm = ((realm.realm.rep['defaultSignatureAlgorithm'] as string | undefined) || 'RS256') as SigningAlgorithm;
  // A realm without an active key for its default algorithm cannot sign: every push fails, none is a 500.
  const signer = await realmSigner(realm, keyProviders(), algorithm).catch(() => undefined);
  if (!signer) return { failedRequests: urls };
  const result: GlobalRequestResult = {};
  for (const url of urls) {
    const payload = {
      id: randomUUID(),
      expiration: Math.floor(Date.now() / 1000) + ACTION_LIFETIME_S,
      resource: client.clientId,
      action: action.action,
      ...('notBefore' in action ? { notBefore: action.notBefore } : {}),
    };
    const token = await signJwt(payload, signer);
    const target = `${url.replace(/\/+$/, '')}/${action.path}`;
    const success = await post(target, token);
    if (success) (result.successRequests ??= []).push(url);
    else (result.failedRequests ??= []).push(url);
  }
  return result;
}

/** GlobalRequestResult.addAll: the URLs of several clients' pushes together. */
export function mergeResults(results: readonly GlobalRequestResult[]): GlobalRequestResult {
  const merged: GlobalRequestResult = {};
  for (const result of results) {
    if (result.successRequests) (merged.successRequests ??= []).push(...result.successRequests);
    if (result.failedRequests) (merged.failedRequests ??= []).push(...result.failedRequests);
  }
  return merged;
}

async function post(target: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: token, signal: AbortSignal.timeout(PUSH_TIMEOUT_MS), redirect: 'manual' });
    await response.body?.cancel();
    return response.status === 200 || response.status === 204;
  } catch {
    return false;
  }
}
