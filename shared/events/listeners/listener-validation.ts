import { listenerTypes, type EventListenerRepresentation, type ListenerType } from './listener.js';

/** Hosts a webhook may reach over plain http: this machine (local runtimes and their receivers). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,35}$/;
const EVENT_TYPE = /^[A-Z][A-Z0-9_]*$/;
/** The secret keys an HMAC-SHA256; shorter than 16 characters it is guessable. */
export const MIN_SECRET_LENGTH = 16;

export interface ListenerInput {
  id?: string | null | undefined;
  type?: string | null | undefined;
  enabled?: boolean | null | undefined;
  url?: string | null | undefined;
  secret?: string | null | undefined;
  eventTypes?: string[] | null | undefined;
  includeAdminEvents?: boolean | null | undefined;
}

/**
 * A listener from its JSON, or the first problem with it. Webhooks need an https URL (EventBridge API
 * destinations call https only; plain http is allowed to loopback, for local runtimes) and a secret;
 * email and log listeners have neither. `existing` is the stored listener on an update: its secret is
 * kept when none is sent (secrets are write-only, so clients cannot send it back).
 */
export function listenerFrom(input: ListenerInput, id: string, existing?: EventListenerRepresentation): EventListenerRepresentation | string {
  if (!ID.test(id)) return 'Listener id must be 1 to 36 letters, digits, "-" or "_"';
  const type = input.type ?? existing?.type;
  if (!type || !(listenerTypes as readonly string[]).includes(type)) return `Listener type must be one of ${listenerTypes.join(', ')}`;
  if (existing && existing.type !== type) return 'A listener keeps its type; delete it and create another';
  const eventTypes = input.eventTypes ?? [];
  const badType = eventTypes.find((eventType) => !EVENT_TYPE.test(eventType));
  if (badType !== undefined) return `Not an event type: ${badType}`;
  const rep: EventListenerRepresentation = {
    id,
    type: type as ListenerType,
    enabled: input.enabled ?? true,
    eventTypes: [...new Set(eventTypes)],
    includeAdminEvents: input.includeAdminEvents ?? false,
  };
  if (type !== 'webhook') {
    if (input.url || input.secret) return `A ${type} listener has no url or secret`;
    if (type === 'email' && rep.includeAdminEvents) return 'The email listener sends user events only';
    return rep;
  }
  const url = input.url ?? undefined;
  const urlProblem = webhookUrlProblem(url);
  if (urlProblem) return urlProblem;
  const secret = input.secret ?? existing?.secret;
  if (!secret || secret.length < MIN_SECRET_LENGTH) return `A webhook needs a secret of at least ${MIN_SECRET_LENGTH} characters`;
  return { ...rep, url, secret };
}

function webhookUrlProblem(url: string | undefined): string | undefined {
  if (!url) return 'A webhook needs a url';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The webhook url is not a URL';
  }
  if (parsed.username || parsed.password) return 'The webhook url must not carry credentials';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return undefined;
  return 'The webhook url must be https (plain http only to localhost)';
}
