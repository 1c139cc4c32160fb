/** Keycloak's ProtocolMapperRepresentation: `config` values are strings ("true", "String", ...). */
export interface ProtocolMapperRepresentation {
  id?: string;
  name: string;
  protocol: 'openid-connect' | 'saml' | string;
  protocolMapper: string;
  consentRequired?: boolean;
  consentText?: string;
  config: Record<string, string>;
}
