import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

/** What `touch` found still alive, as it is after the touch (absent: gone or expired). */
export interface TouchedSession {
  readonly session?: UserSessionRecord;
  readonly clientSession?: ClientSessionRecord;
}

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
   * Keeps a session and the client's part of it alive on refresh (Keycloak's refreshAccessToken sets
   * the user session's lastSessionRefresh and the client session's timestamp): both items get `now`
   * and their new expiry, each only while it still exists and has not expired — two writes, in
   * parallel, no read.
   */
  async touch(
    realmId: string,
    sessionId: string,
    clientUuid: string,
    offline: boolean,
    now: number,
    expiresAt: { readonly session: number; readonly client: number },
  ): Promise<TouchedSession> {
    const [session, clientSession] = await Promise.all([
      this.extend<UserSessionRecord>(userSessionKey(realmId, sessionId, offline), 'lastSessionRefresh', now, expiresAt.session),
      this.extend<ClientSessionRecord>(clientSessionKey(realmId, sessionId, clientUuid, offline), 'timestamp', now, expiresAt.client),
    ]);
    return { ...(session ? { session } : {}), ...(clientSession ? { clientSession } : {}) };
  }

  private async extend<T extends Item>(key: ItemKey, refreshedField: string, now: number, expiresAt: number): Promise<T | undefined> {
    try {
      const out = await this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: key,
          UpdateExpression: 'SET #refreshed = :now, expiresAt = :exp',
          // Condition: the item is there and alive; a deleted or expired session is never revived.
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeNames: { '#refreshed': refreshedField },
          ExpressionAttributeValues: { ':now': now, ':exp': expiresAt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as T;
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
