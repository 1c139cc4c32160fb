import { recordEvent } from '../../events/record-event.js';
import { ProtocolError } from '../../http/errors.js';
import type { ClientConfig } from '../../store/clients.js';
import type { RealmRequest } from '../realm-request.js';
import { introspectionProviderFor, type IntrospectionProvider } from './introspection-provider.js';

/**
 * The request checks of Keycloak 26's TokenIntrospectionEndpoint.introspect, after client
 * authentication (RFC 7662 §2.1 requires it; bearer-only clients may call): a public client may not
 * introspect (403 "Client not allowed."), `token` is required (400 "Token not provided."), the hint
 * must name a provider. Each refusal is an INTROSPECT_TOKEN_ERROR event with error invalid_request.
 */
export async function introspectionRequest(
  request: RealmRequest,
  client: ClientConfig,
  form: ReadonlyMap<string, string>,
): Promise<{ token: string; provider: IntrospectionProvider }> {
  const refuse = async (error: ProtocolError): Promise<never> => {
    await recordEvent(request.store, request.realm, {
      type: 'INTROSPECT_TOKEN_ERROR',
      clientId: client.client.rep.clientId,
      ipAddress: request.ipAddress,
      error: 'invalid_request',
      details: { detail: error.description },
    });
    throw error;
  };
  if (client.client.rep.publicClient === true) return refuse(new ProtocolError(403, 'invalid_request', 'Client not allowed.'));
  const token = form.get('token');
  if (token === undefined) return refuse(new ProtocolError(400, 'invalid_request', 'Token not provided.'));
  try {
    return { token, provider: introspectionProviderFor(form.get('token_type_hint')) };
  } catch (error) {
    return error instanceof ProtocolError ? refuse(error) : Promise.reject(error);
  }
}
