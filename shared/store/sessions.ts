import { clientSessionKey, clientSessionListing, userSessionKey, userSessionListing, type ItemKey } from './keys.js';
import type { Item, Store } from './store.js';

/**
 * Keycloak's user session (UserSessionModel): one per login, with a client session per client that
 * got tokens in it. Online sessions live in `SESSION#` partitions, offline ones (offline_access) in
 * `OFFLINE#` partitions, so logging out of the SSO session leaves offline sessions alone.
 * Times are epoch seconds, as Keycloak keeps them; `expiresAt` is the TTL attribute.
 */
export interface UserSessionFields {
  readonly realmId: string;
  readonly id: string;
  readonly userId: string;
  readonly loginUsername: string;
  readonly ipAddress: string;
  /** 'impersonate' for sessions an admin started as the user (UserResource.impersonate). */
  readonly authMethod: 'openid-connect' | 'impersonate';
  readonly rememberMe: boolean;
  readonly offline: boolean;
  readonly started: number;
  readonly lastSessionRefresh: number;
  readonly expiresAt: number;
  readonly notes: Record<string, string>;
}

export type UserSessionRecord = Item & UserSessionFields & { readonly entity: 'UserSession' };

export interface ClientSessionFields {
  readonly clientUuid: string;
  readonly timestamp: number;
  readonly expiresAt: number;
  /** The scope parameter the tokens were granted with. */
  readonly scope: string;
  /** Refresh-token reuse detection (Keycloak's TokenManager.validateTokenReuse). */
  readonly refreshTokenId?: string;
  readonly refreshTokenUseCount?: number;
  readonly refreshTokenLastRefresh?: number;
}

export type ClientSessionRecord = Item & ClientSessionFields & { readonly entity: 'ClientSession' };

/**
 * What a refresh of the user session must find, as bounds on the stored item (no read first): each
 * `variants` entry is the validity under the realm's current limits for sessions with that rememberMe
 * choice (omitted: either), lastSessionRefresh above `refreshedAfter` (idle) and started above
 * `startedAfter` (max lifespan, when one applies).
 */
export interface SessionRefreshCondition {
  readonly userId: string;
  /** The refresh token's iat + 1: a session started later is not the token's (Keycloak's stale check). */
  readonly latestStart: number;
  readonly variants: readonly { readonly rememberMe?: boolean; readonly refreshedAfter: number; readonly startedAfter?: number }[];
}

/** The refreshed user session (ALL_NEW), or, when the condition failed, the item as it was (absent: no such item). */
export type SessionRefreshAttempt = { readonly refreshed: UserSessionRecord } | { readonly refreshed?: undefined; readonly found?: UserSessionRecord };

export class SessionsRepository {
  constructor(private readonly store: Store) {}

  /** A new session and its first client session, in one transaction. */
  async create(session: UserSessionRecord, client: ClientSessionRecord): Promise<void> {
    await this.store.transact([
      { kind: 'create', item: session, onConflict: () => new Error('Session id collision') },
      { kind: 'put', item: client },
    ]);
  }

  async get(realmId: string, sessionId: string, offline: boolean): Promise<UserSessionRecord | undefined> {
    return this.store.get<UserSessionRecord>(userSessionKey(realmId, sessionId, offline), { consistent: true });
  }

  async getClientSession(realmId: string, sessionId: string, clientUuid: string, offline: boolean): Promise<ClientSessionRecord | undefined> {
    return this.store.get<ClientSessionRecord>(clientSessionKey(realmId, sessionId, clientUuid, offline), { consistent: true });
  }

  /**
   * Refreshes a user session with one conditional write and no read (Keycloak's refreshAccessToken sets
   * lastSessionRefresh to now): only while the item exists, has not expired, belongs to the user, is
   * still valid under the realm's current limits and did not start after the token was issued
   * (`condition`). `expiresAt` is the caller's expiry for a session without max-lifespan cap; the
   * caller corrects it (setExpiry) when the session's own start or rememberMe choice gives another.
   * On a failed condition the item comes back as it was (ReturnValuesOnConditionCheckFailure), so the
   * caller tells apart why, still without a read.
   */
  async refresh(realmId: string, sessionId: string, offline: boolean, now: number, expiresAt: number, condition: SessionRefreshCondition): Promise<SessionRefreshAttempt> {
    const values: Record<string, unknown> = { ':now': now, ':exp': expiresAt, ':user': condition.userId, ':latestStart': condition.latestStart };
    const variants = condition.variants.map((variant, i) => {
      const parts = [`lastSessionRefresh > :idle${i}`];
      values[`:idle${i}`] = variant.refreshedAfter;
      if (variant.startedAfter !== undefined) {
        parts.push(`started > :max${i}`);
        values[`:max${i}`] = variant.startedAfter;
      }
      if (variant.rememberMe !== undefined) {
        values[':remembered'] = true;
        parts.push(variant.rememberMe ? 'rememberMe = :remembered' : 'NOT rememberMe = :remembered');
      }
      return parts.join(' AND ');
    });
    // DynamoDB refuses redundant parentheses: the variants are grouped only when there are several.
    const validity = variants.length === 1 ? variants[0] : variants.map((variant) => `(${variant})`).join(' OR ');
    try {
      const out = await this.store.client.updateItem({
        TableName: this.store.tableName,
        Key: userSessionKey(realmId, sessionId, offline),
        UpdateExpression: 'SET lastSessionRefresh = :now, expiresAt = :exp',
        // A deleted or expired session is never revived.
        ConditionExpression: `attribute_exists(pk) AND expiresAt > :now AND userId = :user AND started <= :latestStart AND (${validity})`,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      return { refreshed: out.Attributes as UserSessionRecord };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      // The item as it was (ALL_OLD), already unmarshalled by the client.
      const old = (error as { Item?: Record<string, unknown> }).Item;
      return old ? { found: old as UserSessionRecord } : {};
    }
  }

  /** Sets a refreshed session's expiry, unless another refresh came after (its lastSessionRefresh is no longer `refreshedAt`). */
  async setExpiry(realmId: string, sessionId: string, offline: boolean, refreshedAt: number, expiresAt: number): Promise<void> {
    try {
      await this.store.client.updateItem({
        TableName: this.store.tableName,
        Key: userSessionKey(realmId, sessionId, offline),
        UpdateExpression: 'SET expiresAt = :exp',
        ConditionExpression: 'attribute_exists(pk) AND lastSessionRefresh = :at',
        ExpressionAttributeValues: { ':exp': expiresAt, ':at': refreshedAt },
      });
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  /**
   * Keeps the client's part of a session alive on refresh (its timestamp becomes now, with its new
   * expiry) while it exists and has not expired; undefined when it does not.
   */
  async extendClientSession(realmId: string, sessionId: string, clientUuid: string, offline: boolean, now: number, expiresAt: number): Promise<ClientSessionRecord | undefined> {
    try {
      const out = await this.store.client.updateItem({
        TableName: this.store.tableName,
        Key: clientSessionKey(realmId, sessionId, clientUuid, offline),
        UpdateExpression: 'SET #refreshed = :now, expiresAt = :exp',
        // Condition: the item is there and alive; a deleted or expired session is never revived.
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
        ExpressionAttributeNames: { '#refreshed': 'timestamp' },
        ExpressionAttributeValues: { ':now': now, ':exp': expiresAt },
        ReturnValues: 'ALL_NEW',
      });
      return out.Attributes as ClientSessionRecord;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  /**
   * Ends a session once, however many requests race to end it: the user session item is consumed
   * (a conditional delete) and only the request that got it removes the client sessions. The others
   * learn that it is already over without reading the partition.
   */
  async endOnce(realmId: string, sessionId: string, offline: boolean): Promise<boolean> {
    const ended = await this.store.consume(userSessionKey(realmId, sessionId, offline));
    if (!ended) return false;
    await this.delete(realmId, sessionId, offline);
    return true;
  }

  /** Deletes a session with all its client sessions. */
  async delete(realmId: string, sessionId: string, offline: boolean): Promise<void> {
    const keys = [];
    for await (const item of this.store.queryAll({ partition: userSessionKey(realmId, sessionId, offline).pk, consistent: true })) {
      keys.push({ pk: item.pk, sk: item.sk });
    }
    await this.store.deleteMany(keys);
  }
}

export function userSessionItem(fields: UserSessionFields): UserSessionRecord {
  return {
    ...userSessionKey(fields.realmId, fields.id, fields.offline),
    ...userSessionListing(fields.realmId, fields.userId, fields.offline, fields.started),
    entity: 'UserSession',
    ...fields,
  };
}

export function clientSessionItem(
  realmId: string,
  sessionId: string,
  offline: boolean,
  fields: ClientSessionFields,
): ClientSessionRecord {
  return {
    ...clientSessionKey(realmId, sessionId, fields.clientUuid, offline),
    // Lists the client's sessions for the Admin API (ClientResource.getUserSessions), see keys.ts.
    ...clientSessionListing(realmId, fields.clientUuid, offline, fields.timestamp, sessionId),
    entity: 'ClientSession',
    ...fields,
  };
}
