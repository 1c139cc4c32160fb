/** A realm representation that Keycloak would refuse (empty name, reserved characters, ...). */
export class InvalidRealmError extends Error {
  override readonly name = 'InvalidRealmError';
}
