import { clientCredentialsGrant } from './client-credentials.js';
import type { GrantHandler } from './grant-request.js';
import type { SupportedGrantType } from './grant-types.js';
import { passwordGrant } from './password.js';
import { refreshTokenGrant } from './refresh-token.js';

/** The grant types the token endpoint serves (RFC 6749 §4, §6), by `grant_type`. */
export const grants: Readonly<Record<SupportedGrantType, GrantHandler>> = {
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
  refresh_token: refreshTokenGrant,
};
