import type { ProtocolMapperRepresentation } from './protocol-mapper.js';

/** Keycloak's ClientScopeRepresentation. */
export interface ClientScopeRepresentation {
  id?: string;
  name: string;
  description?: string;
  protocol?: 'openid-connect' | 'saml' | string;
  attributes?: Record<string, string>;
  protocolMappers?: ProtocolMapperRepresentation[];
}
