import { InvalidClient } from '../errors/codes.js';
import { ASSERTION_MISSING, ASSERTION_TYPE_MISSING, JWT_BEARER_ASSERTION_TYPE, assertionTypeUnexpected } from './messages.js';

/**
 * RFC 7521 §4.2 / RFC 7523 §2.2: client_assertion_type must be
 * `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` and client_assertion must be present.
 * Checked in Keycloak's order and with its words (AbstractJWTClientValidator.validateClientAssertionParameters).
 */
export function assertionFromForm(form: ReadonlyMap<string, string>): string {
  const type = form.get('client_assertion_type');
  if (type === undefined) throw new InvalidClient(ASSERTION_TYPE_MISSING);
  if (type !== JWT_BEARER_ASSERTION_TYPE) throw new InvalidClient(assertionTypeUnexpected(type));
  const assertion = form.get('client_assertion');
  if (assertion === undefined) throw new InvalidClient(ASSERTION_MISSING);
  return assertion;
}
