import { randomUUID } from 'node:crypto';
import { signJwt } from '../../crypto/jws.js';
import { keyProviders } from '../../keys/key-providers.js';
import { issuerOf } from '../../oidc/discovery.js';
import { realmSigner } from '../../oidc/tokens/issue-tokens.js';
import type { RealmConfig } from '../../realm/realm-config.js';

/** What an action token asks for (Keycloak's ExecuteActionsActionToken / VerifyEmailActionToken). */
export interface ActionTokenRequest {
  readonly type: 'execute-actions' | 'verify-email';
  readonly userId: string;
  readonly email: string;
  readonly clientId: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  readonly actions?: readonly string[];
  readonly redirectUri?: string;
}

/**
 * Keycloak's action token link: `{issuer}/login-actions/action-token?key=<token>`, the token a JWT
 * in Keycloak's claims (typ, sub, azp, eml, rqac, reduri, a nonce) signed with the realm's HS512 key
 * like Keycloak's INTERNAL tokens. The endpoint that consumes it — the login actions, with their
 * pages — is not built yet (DESIGN.md §8); the link is what Keycloak mails and stays valid for it.
 */
export async function actionLink(baseUrl: string, realm: RealmConfig, request: ActionTokenRequest): Promise<string> {
  const issuer = issuerOf(baseUrl, realm.realm.name);
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    exp: request.expiresAt,
    iat: now,
    jti: randomUUID(),
    iss: issuer,
    aud: issuer,
    sub: request.userId,
    typ: request.type,
    azp: request.clientId,
    nonce: randomUUID(),
    eml: request.email,
    ...(request.actions ? { rqac: request.actions } : {}),
    ...(request.redirectUri ? { reduri: request.redirectUri } : {}),
  };
  const token = await signJwt(claims, await realmSigner(realm, keyProviders(), 'HS512'));
  return `${issuer}/login-actions/action-token?key=${encodeURIComponent(token)}`;
}
