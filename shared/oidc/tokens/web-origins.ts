import type { ClientRepresentation } from '../../model/client.js';

/**
 * The client's allowed web origins (Keycloak's WebOriginsUtils.resolveValidWebOrigins): each entry as
 * written, except "+", which stands for the origins of the client's redirect URIs (relative ones
 * resolved against rootUrl). Used for CORS and the `allowed-origins` claim.
 */
export function allowedWebOrigins(client: ClientRepresentation): string[] {
  const origins = new Set<string>();
  for (const entry of client.webOrigins ?? []) {
    if (entry !== '+') {
      origins.add(entry);
      continue;
    }
    for (const redirect of client.redirectUris ?? []) {
      const origin = originOf(redirect, client.rootUrl);
      if (origin) origins.add(origin);
    }
  }
  return [...origins];
}

function originOf(uri: string, rootUrl: string | undefined): string | undefined {
  const absolute = uri.startsWith('/') && rootUrl ? `${rootUrl.replace(/\/$/, '')}${uri}` : uri;
  if (!/^https?:\/\//i.test(absolute)) return undefined;
  try {
    // A wildcard may stand in the path; the origin part must be a real origin.
    return new URL(absolute.replace(/\*.*$/, '')).origin;
  } catch {
    return undefined;
  }
}
