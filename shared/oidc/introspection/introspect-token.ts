import { recordEvent } from '../../events/record-event.js';
import type { ClientConfig } from '../../store/clients.js';
import { SessionsRepository } from '../../store/sessions.js';
import type { Claims } from '../mappers/mapper.js';
import type { RealmRequest } from '../realm-request.js';
import { checkTokenInUse, type TokenInUse } from '../tokens/token-in-use.js';
import { sessionLookupFor } from '../tokens/token-session.js';
import { verifyOwnToken, type TokenPayload } from '../tokens/verify-own-token.js';
import { introspectionClaims } from './introspection-claims.js';
import type { IntrospectionProvider } from './introspection-provider.js';
import { refreshTokenReusable } from './refresh-token-reuse-state.js';

type Verdict = { active: true; token: TokenPayload; inUse: TokenInUse } | { active: false; error: string; reason: string; token?: TokenPayload; inUse?: Partial<TokenInUse> };

/**
 * RFC 7662 §2.2: `{"active": true, ...claims}` for a token this realm issued that is still valid,
 * `{"active": false}` for anything else (expired, bad signature, another realm's, unknown client,
 * session gone, revoked, user disabled) — Keycloak 26's AccessTokenIntrospectionProvider and, for
 * token_type_hint=refresh_token, RefreshTokenIntrospectionProvider. An INTROSPECT_TOKEN event on
 * success, INTROSPECT_TOKEN_ERROR with Keycloak's error code otherwise.
 */
export async function introspectToken(request: RealmRequest, caller: ClientConfig, presented: string, provider: IntrospectionProvider, now: number): Promise<Claims> {
  const verdict = await decide(request, presented, provider, now);
  const { token, inUse } = verdict;
  await recordEvent(request.store, request.realm, {
    type: verdict.active ? 'INTROSPECT_TOKEN' : 'INTROSPECT_TOKEN_ERROR',
    clientId: caller.client.rep.clientId,
    ...(inUse?.user ? { userId: inUse.user.user.rep.id } : {}),
    ...(typeof token?.sid === 'string' ? { sessionId: token.sid } : {}),
    ipAddress: request.ipAddress,
    ...(verdict.active ? {} : { error: verdict.error }),
    details: {
      ...(typeof token?.jti === 'string' ? { token_id: token.jti } : {}),
      ...(typeof token?.typ === 'string' ? { token_type: token.typ } : {}),
      ...(verdict.active ? {} : { reason: verdict.reason }),
    },
  });
  return verdict.active ? introspectionClaims(request.directory, verdict.inUse, verdict.token) : { active: false };
}

async function decide(request: RealmRequest, presented: string, provider: IntrospectionProvider, now: number): Promise<Verdict> {
  const verified = await verifyOwnToken(presented, request.realm, request.issuer, request.keys, now);
  if (!verified.ok) return { active: false, error: 'invalid_token', reason: `Access token JWT check failed: ${verified.reason}` };
  const token = verified.payload;
  const lookup = provider === 'refresh_token' ? refreshLookup(token) : sessionLookupFor(token);
  if (!lookup) return { active: false, error: 'invalid_token_type', reason: `Token type ${String(token.typ)} is no refresh token`, token };
  const checked = await checkTokenInUse(request, token, lookup);
  if (!checked.ok) return { active: false, error: checked.refusal.error, reason: checked.refusal.reason ?? checked.refusal.description, token, ...(checked.refusal.client ? { inUse: { client: checked.refusal.client } } : {}) };
  const inUse = checked.value;
  if (provider === 'refresh_token' && request.realm.realm.rep.revokeRefreshToken && inUse.session) {
    const clientSession = await new SessionsRepository(request.store).getClientSession(request.realm.realm.id, inUse.session.id, inUse.client.client.rep.id, inUse.session.offline);
    const maxReuse = Number(request.realm.realm.rep.refreshTokenMaxReuse ?? 0);
    if (!clientSession || !refreshTokenReusable(clientSession, token, maxReuse)) {
      return { active: false, error: 'invalid_token', reason: `Realm revoke refresh token, token type is ${String(token.typ)} and token is not eligible for introspection`, token, inUse };
    }
  }
  return { active: true, token, inUse };
}

/** UserSessionUtil.findValidSessionForRefreshToken: only refresh and offline tokens have such a session. */
function refreshLookup(token: TokenPayload): 'online' | 'offline' | undefined {
  if (token.typ === 'Offline') return 'offline';
  return token.typ === 'Refresh' ? 'online' : undefined;
}
