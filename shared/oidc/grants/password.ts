import { guardedPasswordCheck } from '../../authn/brute-force/check-password.js';
import { LoginFailures } from '../../authn/brute-force/login-failures.js';
import { bruteForceSettings } from '../../authn/brute-force/policy.js';
import { hashPassword, needsRehash, parsePasswordPolicy, verifyPassword, type PasswordPolicy } from '../../crypto/password/index.js';
import { recordEvent } from '../../events/record-event.js';
import { SessionsRepository } from '../../store/sessions.js';
import { UsersRepository, type UserData } from '../../store/users.js';
import { InvalidGrant, InvalidRequest, UnauthorizedClient } from '../errors/codes.js';
import { appliedScopes } from '../scopes/applied-scopes.js';
import { startSession } from '../sessions/start-session.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { tokenContext } from '../tokens/token-context.js';
import type { GrantHandler, GrantRequest } from './grant-request.js';

/** Keycloak's direct grant answers (ValidateUsername, ValidatePassword): 401 for bad credentials. */
const INVALID_CREDENTIALS = 'Invalid user credentials';

/**
 * RFC 6749 §4.3 resource owner password credentials, as Keycloak's direct grant flow runs it: only
 * for clients with direct access grants enabled; the user found by username (or email when the realm
 * allows it), enabled, not locked by brute-force detection, the password right, no pending required
 * action. Then a user session and tokens; a refresh token always (offline with offline_access).
 */
export const passwordGrant: GrantHandler = async (request) => {
  const { client, realm, store, form } = request;
  const clientId = client.client.rep.clientId;
  if (!client.client.rep.directAccessGrantsEnabled) throw new UnauthorizedClient('Client not allowed for direct access grants');
  const username = form.get('username');
  // Keycloak's direct grant ValidateUsername: 401 invalid_request.
  if (!username) throw new InvalidRequest('Missing parameter: username', 401);
  const scopes = appliedScopes(realm, client, form.get('scope'));

  const fail = async (error: string, userId: string | undefined, description: string, status: number): Promise<never> => {
    await recordEvent(store, realm, {
      type: 'LOGIN_ERROR',
      clientId,
      ...(userId ? { userId } : {}),
      ipAddress: request.ipAddress,
      error,
      details: { auth_method: 'openid-connect', grant_type: 'password', username },
    });
    throw new InvalidGrant(description, status);
  };

  const user = await findUser(request, username);
  if (!user) {
    // Same work as a real check, so a missing user is not told apart by timing (AuthenticatorUtils.dummyHash).
    await hashPassword(form.get('password') ?? '', policyOf(request));
    return fail('user_not_found', undefined, INVALID_CREDENTIALS, 401);
  }
  const userId = user.user.rep.id;
  const settings = bruteForceSettings(realm.realm.rep);
  const password = form.get('password') ?? '';
  const credential = user.credentials.find((c) => c.type === 'password');
  const check = await guardedPasswordCheck({
    realmSettings: settings,
    realmId: realm.realm.id,
    userId,
    ip: request.ipAddress,
    user: { enabled: user.user.rep.enabled !== false, ...(user.user.rep.attributes ? { attributes: user.user.rep.attributes } : {}) },
    verify: async () => Boolean(credential && password && (await verifyPassword(password, credential))),
    repo: new LoginFailures(store),
    dummyHash: () => hashPassword(password, policyOf(request)),
  });
  if (!check.ok && check.reason !== 'invalidCredentials') return fail(check.eventError!, userId, INVALID_CREDENTIALS, 400);
  if (user.user.rep.enabled === false) return fail('user_disabled', userId, 'Account disabled', 400);
  if (!check.ok) {
    if (check.permanentLockout) await disableForPermanentLockout(request, user);
    return fail('invalid_user_credentials', userId, INVALID_CREDENTIALS, 401);
  }
  if ((user.user.rep.requiredActions ?? []).length > 0) return fail('resolve_required_actions', userId, 'Account is not fully set up', 400);
  if (credential && needsRehash(credential, policyOf(request))) {
    // Keycloak rehashes after a successful login when the policy's algorithm or cost changed.
    await new UsersRepository(store).rehashCredential(realm.realm.id, userId, credential, await hashPassword(password, policyOf(request)));
  }

  const offline = scopes.scopes.some((scope) => scope.rep.name === 'offline_access');
  const session = await startSession(new SessionsRepository(store), {
    realm,
    client,
    user,
    ipAddress: request.ipAddress,
    scope: form.get('scope') ?? '',
    offline,
    now: request.now,
  });
  const ctx = await tokenContext(request.directory, client, user, scopes, session);
  if (offline && !ctx.mapperContext.roles.realm.has('offline_access')) {
    // Keycloak's TokenManager: offline tokens need the offline_access role in the token's scope.
    await new SessionsRepository(store).delete(realm.realm.id, session.id, true);
    return fail('not_allowed', userId, 'Offline tokens not allowed for the user or client', 400);
  }
  const response = await issueTokens(ctx, request.keys, { issuer: request.issuer, now: request.now, refreshToken: true });
  await recordEvent(store, realm, {
    type: 'LOGIN',
    clientId,
    userId,
    sessionId: session.id,
    ipAddress: request.ipAddress,
    details: {
      auth_method: 'openid-connect',
      grant_type: 'password',
      username: user.user.rep.username,
      client_auth_method: request.clientAuthMethod,
      scope: scopes.scopeString,
      refresh_token_type: offline ? 'Offline' : 'Refresh',
    },
  });
  return response;
};

async function findUser(request: GrantRequest, username: string): Promise<UserData | undefined> {
  const users = new UsersRepository(request.store);
  const realmId = request.realm.realm.id;
  let id = await users.idForUsername(realmId, username);
  if (!id && username.includes('@') && request.realm.realm.rep.loginWithEmailAllowed !== false) id = await users.idForEmail(realmId, username);
  return id ? users.load(realmId, id) : undefined;
}

/** The realm's password policy; one that does not parse counts as none (it was refused when set). */
function policyOf(request: GrantRequest): PasswordPolicy | undefined {
  const text = request.realm.realm.rep.passwordPolicy;
  if (typeof text !== 'string' || !text) return undefined;
  try {
    return parsePasswordPolicy(text);
  } catch {
    return undefined;
  }
}

/** Keycloak disables a permanently locked-out user and records why (DefaultBruteForceProtector). */
async function disableForPermanentLockout(request: GrantRequest, user: UserData): Promise<void> {
  const rep = { ...user.user.rep, enabled: false, attributes: { ...(user.user.rep.attributes ?? {}), disabledReason: ['permanentLockout'] } };
  await new UsersRepository(request.store).updateRep(user.user, rep).catch(() => undefined);
  await recordEvent(request.store, request.realm, {
    type: 'USER_DISABLED_BY_PERMANENT_LOCKOUT',
    clientId: request.client.client.rep.clientId,
    userId: user.user.rep.id,
    ipAddress: request.ipAddress,
    details: { reason: 'brute_force_attack detected' },
  });
}
