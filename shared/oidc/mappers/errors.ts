/**
 * A mapper configuration Keycloak cannot turn into a claim (a jsonType the value does not convert to,
 * a nested claim path through a non-object). Keycloak throws out of the token request (HTTP 500);
 * so does Gatehouse — the builder lets it become the generic server error.
 */
export class ProtocolMapperError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolMapperError';
  }
}
