import { createRemoteJWKSet } from 'jose';

type RemoteJwks = ReturnType<typeof createRemoteJWKSet>;

/** Per container, one JWKS fetcher per URL, so its keys are cached across requests (jose: 10 min, refetch on an unknown kid at most every 30 s). */
const sets = new Map<string, RemoteJwks>();
const MAX_SETS = 1000;

/**
 * The client's keys from its "jwks.url" (OIDC Core §9 / RFC 7591 jwks_uri; Keycloak
 * ClientPublicKeyLoader with use.jwks.url). A relative URL is resolved against the client's rootUrl,
 * as Keycloak's ResolveRelative does. Undefined when it is not an http(s) URL.
 */
export function remoteJwks(jwksUrl: string, rootUrl?: string): RemoteJwks | undefined {
  let url: URL;
  try {
    url = new URL(jwksUrl, rootUrl || undefined);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  let set = sets.get(url.href);
  if (!set) {
    if (sets.size >= MAX_SETS) sets.delete(sets.keys().next().value!);
    set = createRemoteJWKSet(url, { timeoutDuration: 5000 });
    sets.set(url.href, set);
  }
  return set;
}
