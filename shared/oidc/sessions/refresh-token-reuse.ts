import { clientSessionKey } from '../../store/keys.js';
import type { UpdateItemInput } from '../../store/dynamodb/document-types.js';
import type { ClientSessionRecord } from '../../store/sessions.js';
import type { Store } from '../../store/store.js';

export type ReuseVerdict = 'ok' | 'stale_token' | 'reuse_exceeded' | 'no_client_session';

export interface PresentedRefreshToken {
  readonly realmId: string;
  readonly sessionId: string;
  readonly clientUuid: string;
  readonly offline: boolean;
  readonly jti: string;
  /** The refresh token's iat (epoch seconds). */
  readonly issuedAt: number;
}

/**
 * Refresh-token rotation with reuse detection, when the realm's revokeRefreshToken is on (Keycloak's
 * TokenManager.validateTokenReuse): the client session remembers the last refresh token presented,
 * how often, and when. A token other than that one is accepted only if it was issued at or after the
 * last refresh (otherwise "Stale token"); the remembered token may be presented refreshTokenMaxReuse
 * more times (otherwise "Maximum allowed refresh token reuse exceeded").
 *
 * Each decision is one conditional UpdateItem on the client session, so concurrent refreshes with the
 * same token serialize in DynamoDB: with maxReuse 0, exactly one of them succeeds. The common case (a
 * fresh token) costs one write and no read; ReturnValuesOnConditionCheckFailure tells why a refusal
 * happened without another read.
 */
export async function checkRefreshTokenReuse(store: Store, token: PresentedRefreshToken, maxReuse: number, now: number): Promise<ReuseVerdict> {
  const key = clientSessionKey(token.realmId, token.sessionId, token.clientUuid, token.offline);
  const first = await conditionalUpdate(store, {
    Key: key,
    // Condition: the client session exists and has not expired (TTL deletes lazily); this token is not
    // the remembered one; it is not older than the last refresh (a token issued before it was
    // superseded is stale).
    ConditionExpression:
      'attribute_exists(pk) AND expiresAt > :now AND (attribute_not_exists(refreshTokenId) OR refreshTokenId <> :jti) AND ' +
      '(attribute_not_exists(refreshTokenLastRefresh) OR refreshTokenLastRefresh <= :iat)',
    UpdateExpression: 'SET refreshTokenId = :jti, refreshTokenUseCount = :one, refreshTokenLastRefresh = :now, #ts = :now',
    ExpressionAttributeNames: { '#ts': 'timestamp' },
    ExpressionAttributeValues: { ':jti': token.jti, ':iat': token.issuedAt, ':one': 1, ':now': now },
  });
  if (first.ok) return 'ok';
  const current = first.current;
  if (!current || current.expiresAt <= now) return 'no_client_session';
  if (current.refreshTokenId !== token.jti) return 'stale_token';
  if ((current.refreshTokenUseCount ?? 0) > maxReuse) return 'reuse_exceeded';
  // The remembered token presented again, within the allowed reuse: count it, if nobody else did first.
  const again = await conditionalUpdate(store, {
    Key: key,
    // Condition: still the remembered token with the count we saw; a concurrent use makes us re-decide.
    ConditionExpression: 'expiresAt > :now AND refreshTokenId = :jti AND refreshTokenUseCount = :seen',
    UpdateExpression: 'SET refreshTokenUseCount = :next, refreshTokenLastRefresh = :now, #ts = :now',
    ExpressionAttributeNames: { '#ts': 'timestamp' },
    ExpressionAttributeValues: { ':jti': token.jti, ':seen': current.refreshTokenUseCount ?? 0, ':next': (current.refreshTokenUseCount ?? 0) + 1, ':now': now },
  });
  if (again.ok) return 'ok';
  return again.current && (again.current.refreshTokenUseCount ?? 0) > maxReuse ? 'reuse_exceeded' : checkRefreshTokenReuse(store, token, maxReuse, now);
}

/** One conditional UpdateItem; on a failed condition, the item as it was (ALL_OLD). */
async function conditionalUpdate(
  store: Store,
  input: Omit<UpdateItemInput, 'TableName'>,
): Promise<{ ok: true } | { ok: false; current?: ClientSessionRecord }> {
  try {
    await store.client.updateItem({ TableName: store.tableName, ...input, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    return { ok: true };
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const item = (error as { Item?: Record<string, unknown> }).Item;
    return { ok: false, current: item ? (item as ClientSessionRecord) : undefined };
  }
}
