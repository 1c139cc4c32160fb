import { InvalidClient } from '../errors/codes.js';
import type { ClientConfig } from '../../store/clients.js';
import { BEARER_ONLY_NOT_ALLOWED, WRONG_CLIENT_PROTOCOL } from './messages.js';

/**
 * What Keycloak checks once a client has authenticated: it must be an OpenID Connect client
 * (AuthorizeClientUtil.authorizeClient: "Wrong client protocol."; no protocol counts as
 * openid-connect) and, except at introspection, not bearer-only (TokenEndpoint.checkClient:
 * "Bearer-only not allowed" — a bearer-only client only receives tokens, it never asks for them).
 */
export function authenticatedClientChecks(client: ClientConfig, allowBearerOnly: boolean, usedBasic: boolean): void {
  const rep = client.client.rep;
  // The client did authenticate; Keycloak refuses to serve it with 400, not 401 (no challenge).
  if (rep.protocol !== undefined && rep.protocol !== 'openid-connect') throw new InvalidClient(WRONG_CLIENT_PROTOCOL, usedBasic, 400);
  if (rep.bearerOnly === true && !allowBearerOnly) throw new InvalidClient(BEARER_ONLY_NOT_ALLOWED, usedBasic, 400);
}
