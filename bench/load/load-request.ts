/** One kind of request the load generator repeats. */
export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query under the server's base URL. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /**
   * One body per connection (autocannon's setupClient), for flows where a real client would hold its
   * own state (a refresh token per session): connection i sends bodies[i % length].
   */
  readonly perConnectionBodies?: readonly string[];
}

export const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

export const basicAuth = (clientId: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const formHeaders = (authorization: string): Record<string, string> => ({
  'content-type': 'application/x-www-form-urlencoded',
  authorization,
});

/** POSTs a form and returns the JSON answer; any status but 200 is an error (a broken setup, not a figure). */
export async function postJson(url: string, headers: Record<string, string>, body: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
