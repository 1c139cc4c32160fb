/**
 * Keycloak's SearchQueryUtils.getFields: `q` holds `key:value` pairs separated by spaces; a key or a
 * value may be double-quoted to hold spaces or colons, with backslash escapes inside the quotes.
 */
const PAIR = /\s*(?:([^":\s][^:\s]*)|"((?:\\.|[^"])+)")\s*:\s*(?:([^"\s]\S*)|"((?:\\.|[^"])+)")\s*/g;

const unescape = (text: string): string => text.replace(/\\(.)/g, '$1');

export function searchQueryFields(query: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of query.matchAll(PAIR)) {
    const key = match[1] ?? unescape(match[2] ?? '');
    const value = match[3] ?? unescape(match[4] ?? '');
    fields[key] = value;
  }
  return fields;
}
