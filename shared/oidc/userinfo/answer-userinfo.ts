import { recordEvent } from '../../events/record-event.js';
import type { Claims } from '../mappers/mapper.js';
import type { RealmRequest } from '../realm-request.js';
import { checkTokenInUse } from '../tokens/token-in-use.js';
import { verifyOwnToken } from '../tokens/verify-own-token.js';
import { userInfoClaims } from './userinfo-claims.js';
import { UserInfoError } from './userinfo-error.js';

interface Failure {
  readonly status: 401 | 403;
  readonly error: 'invalid_token' | 'insufficient_scope' | undefined;
  readonly description: string;
  /** The event's error code and context (Keycloak's EventBuilder calls). */
  readonly event: { error: string; reason?: string; clientId?: string; userId?: string; sessionId?: string };
}

/**
 * OIDC Core §5.3 UserInfo, the checks of Keycloak 26's UserInfoEndpoint.issueUserInfo in order: a
 * token at all (else a bare challenge, RFC 6750 §3.1); this realm's signature, issuer, expiry and typ
 * Bearer ("Token verification failed"); the `openid` scope (403 insufficient_scope "Missing openid
 * scope", OIDC Core §5.3 needs an OpenID Connect token); then client, not-before, revocation, session
 * and user (checkTokenInUse). Every outcome is a USER_INFO_REQUEST(_ERROR) event.
 */
export async function answerUserInfo(request: RealmRequest, presented: string | undefined, now: number): Promise<Claims> {
  const fail = async (failure: Failure): Promise<never> => {
    const { error, reason, clientId, userId, sessionId } = failure.event;
    await recordEvent(request.store, request.realm, {
      type: 'USER_INFO_REQUEST_ERROR',
      ...(clientId ? { clientId } : {}),
      ...(userId ? { userId } : {}),
      ...(sessionId ? { sessionId } : {}),
      ipAddress: request.ipAddress,
      error,
      details: { auth_method: 'validate_access_token', ...(reason ? { reason } : {}) },
    });
    throw new UserInfoError(failure.status, failure.error, failure.description, request.realm.realm.name);
  };
  const invalid = (description: string, event: Failure['event']): Promise<never> => fail({ status: 401, error: 'invalid_token', description, event });

  if (presented === undefined) return fail({ status: 401, error: undefined, description: '', event: { error: 'invalid_token', reason: 'Missing token' } });
  const verified = await verifyOwnToken(presented, request.realm, request.issuer, request.keys, now);
  if (!verified.ok) return invalid('Token verification failed', { error: 'invalid_token', reason: verified.reason });
  const token = verified.payload;
  if (typeof token.typ !== 'string' || token.typ.toLowerCase() !== 'bearer') {
    return invalid('Token verification failed', { error: 'invalid_token', reason: `Token type is incorrect. Expected '[Bearer]' but was '${String(token.typ)}'` });
  }
  if (!String(token['scope'] ?? '').split(' ').includes('openid')) {
    return fail({ status: 403, error: 'insufficient_scope', description: 'Missing openid scope', event: { error: 'access_denied', reason: 'Missing openid scope' } });
  }
  const checked = await checkTokenInUse(request, token);
  if (!checked.ok) {
    const { error, description, reason, client, userId, sessionId } = checked.refusal;
    return invalid(description, { error, ...(reason ? { reason } : {}), ...(client ? { clientId: client.client.rep.clientId } : {}), ...(userId ? { userId } : {}), ...(sessionId ? { sessionId } : {}) });
  }
  const { client, user, session } = checked.value;
  const claims = await userInfoClaims(request.directory, client, user, session, token['scope']);
  await recordEvent(request.store, request.realm, {
    type: 'USER_INFO_REQUEST',
    clientId: client.client.rep.clientId,
    userId: user.user.rep.id,
    ...(session ? { sessionId: session.id } : {}),
    ipAddress: request.ipAddress,
    details: { auth_method: 'validate_access_token', username: user.user.rep.username, signature_required: 'false' },
  });
  return claims;
}
