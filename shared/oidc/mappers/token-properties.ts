import { log } from '../../log/logger.js';
import { writeAudience } from './audience.js';
import { javaString } from './java-values.js';
import type { Claims, TokenCategory } from './mapper.js';

type Setter = (claims: Claims, value: unknown, category: TokenCategory) => void;

/**
 * The userinfo response copies only some typed IDToken fields (TokenManager.generateUserInfoClaims):
 * `sub` and `aud` make it, `azp`, `acr` and `auth_time` set through a setter are dropped.
 */
const unlessUserInfo =
  (setter: Setter): Setter =>
  (claims, value, category) => {
    if (category !== 'userinfo') setter(claims, value, category);
  };

const notModifiable =
  (claim: string): Setter =>
  () =>
    log('warn', 'Claim is non-modifiable by protocol mappers; ignoring the assignment', { claim });

/**
 * OIDCAttributeMapperHelper.tokenPropertySetters: claim names that are typed fields of Keycloak's
 * IDToken/AccessToken. A mapper whose claim name starts with one of these does not write otherClaims:
 * `sub`, `azp`, `acr`, `auth_time` and `aud` go through the setter (toString'd, auth_time parsed as a
 * long and skipped if it is not one); the server-assigned ones are ignored with a warning.
 */
export const TOKEN_PROPERTY_SETTERS: ReadonlyMap<string, Setter> = new Map<string, Setter>([
  ['sub', (claims, value) => void (claims['sub'] = javaString(value))],
  ['azp', unlessUserInfo((claims, value) => void (claims['azp'] = javaString(value)))],
  ['acr', unlessUserInfo((claims, value) => void (claims['acr'] = javaString(value)))],
  [
    'auth_time',
    unlessUserInfo((claims, value) => {
      const text = javaString(value);
      // Long.parseLong; a NumberFormatException is swallowed.
      if (/^[+-]?\d+$/.test(text)) claims['auth_time'] = Number(text);
    }),
  ],
  [
    'aud',
    (claims, value, category) =>
      writeAudience(claims, Array.isArray(value) ? value.map(javaString) : [javaString(value)], category),
  ],
  ['jti', notModifiable('jti')],
  ['typ', notModifiable('typ')],
  ['iat', notModifiable('iat')],
  ['exp', notModifiable('exp')],
  ['iss', notModifiable('iss')],
  ['scope', notModifiable('scope')],
  ['nonce', notModifiable('nonce')],
  ['session_state', notModifiable('session_state')],
]);
