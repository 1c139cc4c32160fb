import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clientSessionKey, userSessionKey, userSessionListing } from './keys.js';
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
  readonly authMethod: 'openid-connect';
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

export type RefreshOutcome =
  | { ok: true; session: UserSessionRecord }
  | { ok: false; reason: 'session_not_active' | 'stale_token' | 'reuse_exceeded' };

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
   * Keeps a session alive on refresh: `lastSessionRefresh` and the new expiry, only while the session
   * still exists and has not expired (condition), returning it — one write, no read.
   */
  async touch(realmId: string, sessionId: string, offline: boolean, now: number, expiresAt: number): Promise<UserSessionRecord | undefined> {
    try {
      const out = await this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: userSessionKey(realmId, sessionId, offline),
          UpdateExpression: 'SET lastSessionRefresh = :now, expiresAt = :exp',
          // Condition: the session is there and alive; a deleted or expired session is never revived.
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now, ':exp': expiresAt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as UserSessionRecord;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
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
  return { ...clientSessionKey(realmId, sessionId, fields.clientUuid, offline), entity: 'ClientSession', ...fields };
}
