import type { RealmConfig } from '../../realm/realm-config.js';
import type { RealmDirectory } from '../../realm/realm-directory.js';
import type { ClientConfig } from '../../store/clients.js';
import type { UserSessionRecord } from '../../store/sessions.js';
import type { Store } from '../../store/store.js';
import type { UserData } from '../../store/users.js';
import { isTokenRevoked } from '../revocation/revoked-tokens.js';
import { issuedBefore, tokenNotBefore } from './not-before.js';
import { findTokenSession, type SessionLookup } from './token-session.js';
import { tokenUser } from './token-user.js';
import type { TokenPayload } from './verify-own-token.js';

export interface TokenInUse {
  readonly client: ClientConfig;
  /** Absent for a token without session (client credentials): Keycloak's transient session. */
  readonly session?: UserSessionRecord;
  readonly user: UserData;
}

/** Why a token is not in use: Keycloak's event error code and the description userinfo shows. */
export interface TokenRefusal {
  readonly error: string;
  readonly description: string;
  /** What Keycloak puts in the event's `reason` detail. */
  readonly reason?: string;
  readonly client?: ClientConfig;
  readonly sessionId?: string;
  readonly userId?: string;
}

export interface TokenInUseContext {
  readonly realm: RealmConfig;
  readonly directory: RealmDirectory;
  readonly store: Store;
}

const VERIFICATION_FAILED = 'Token verification failed';

/**
 * The checks Keycloak 26's userinfo endpoint and access-token introspection run once a token's
 * signature, issuer and expiry hold, in their order: the client it was issued to (`azp`) exists; the
 * token is not older than the realm's and client's notBefore (tokenNotBefore) and not revoked
 * (TokenRevocationCheck); the client speaks OpenID Connect and is enabled; its session is valid
 * (UserSessionUtil.findValidSession, or a transient one for a token without `sid`); the user exists,
 * is enabled, and the token is not older than the user's notBefore (TokenManager.isUserValid).
 */
export async function checkTokenInUse(ctx: TokenInUseContext, token: TokenPayload, lookup?: SessionLookup): Promise<{ ok: true; value: TokenInUse } | { ok: false; refusal: TokenRefusal }> {
  const refuse = (refusal: TokenRefusal) => ({ ok: false as const, refusal: { ...(typeof token.sid === 'string' ? { sessionId: token.sid } : {}), ...refusal } });
  const client = typeof token.azp === 'string' ? await ctx.directory.client(token.azp) : undefined;
  if (!client) return refuse({ error: 'client_not_found', description: 'Client not found' });
  const realmRep = ctx.realm.realm.rep;
  if (issuedBefore(token.iat, tokenNotBefore(realmRep, client.client.rep))) {
    return refuse({ error: 'invalid_token', description: VERIFICATION_FAILED, reason: 'Stale token', client });
  }
  if (await isTokenRevoked(ctx.store, ctx.realm.realm.id, token.jti)) {
    return refuse({ error: 'invalid_token', description: VERIFICATION_FAILED, reason: 'Token is revoked', client });
  }
  const protocol = client.client.rep.protocol ?? 'openid-connect';
  if (protocol !== 'openid-connect') return refuse({ error: 'invalid_client', description: 'Wrong client protocol', client });
  if (client.client.rep.enabled === false) return refuse({ error: 'client_disabled', description: 'Client disabled', client });

  const found = await findTokenSession(ctx.store, ctx.realm.realm.id, token, client.client.rep.id, lookup);
  if (!found.ok) return refuse({ error: found.error, description: found.error, client, ...(found.session ? { userId: found.session.userId } : {}) });
  const user = await tokenUser(ctx.store, ctx.realm.realm.id, token, found.session);
  if (!user) return refuse({ error: 'user_not_found', description: 'User not found', client });
  const userId = user.user.rep.id;
  if (user.user.rep.enabled === false) return refuse({ error: 'user_disabled', description: 'User disabled', client, userId });
  if (issuedBefore(token.iat, tokenNotBefore(realmRep, client.client.rep, user.user.rep))) {
    return refuse({ error: 'invalid_token', description: VERIFICATION_FAILED, reason: 'Stale token', client, userId });
  }
  return { ok: true, value: { client, user, ...(found.session ? { session: found.session } : {}) } };
}
