import type { ClientRepresentation } from '../../model/client.js';

/** The placeholders a client's root URL may hold for the server's own base URL (ResolveRelative). */
const SERVER_PLACEHOLDERS = ['${authBaseUrl}', '${authAdminUrl}'];

/**
 * ResolveRelative.resolveRelativeUri: a URL starting with `/` is relative to the client's root URL
 * (itself possibly `${authBaseUrl}`, the server), or to the server when the client has none.
 */
function resolveRelative(serverBaseUrl: string, rootUrl: string | undefined, url: string): string {
  if (!url.startsWith('/')) return url;
  let root = rootUrl || serverBaseUrl;
  for (const placeholder of SERVER_PLACEHOLDERS) root = root.replace(placeholder, serverBaseUrl);
  return `${root.replace(/\/+$/, '')}${url}`;
}

/**
 * ResourceAdminManager.getAllManagementUrls: the client's admin URL ("managementUrl"), resolved; with
 * registered cluster nodes (ClientManager.validateRegisteredNodes: those re-registered within
 * nodeReRegistrationTimeout, all of them when it is not positive), that URL with each node's host.
 * No admin URL, nothing to push to.
 */
export function managementUrls(client: ClientRepresentation, serverBaseUrl: string, now = Math.floor(Date.now() / 1000)): string[] {
  const adminUrl = client.adminUrl;
  if (!adminUrl) return [];
  const base = resolveRelative(serverBaseUrl, client.rootUrl, adminUrl);
  const nodes = (client['registeredNodes'] ?? {}) as Record<string, number>;
  const timeout = Number(client['nodeReRegistrationTimeout'] ?? -1);
  const live = Object.entries(nodes)
    .filter(([, registered]) => timeout <= 0 || registered + timeout >= now)
    .map(([host]) => host)
    .sort();
  if (live.length === 0) return [base];
  return live.map((host) => {
    const url = new URL(base);
    url.hostname = host;
    return url.toString();
  });
}
