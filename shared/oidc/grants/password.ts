import { guardedPasswordCheck } from '../../authn/brute-force/check-password.js';
import { LoginFailures } from '../../authn/brute-force/login-failures.js';
import { bruteForceSettings } from '../../authn/brute-force/policy.js';
import { hashPassword, needsRehash } from '../../crypto/password/index.js';
import { recordEvent } from '../../events/record-event.js';
import { SessionsRepository } from '../../store/sessions.js';
import { UsersRepository, type UserData } from '../../store/users.js';
import { InvalidClient, InvalidGrant, InvalidRequest, UnauthorizedClient } from '../errors/codes.js';
import type { OAuthError } from '../errors/oauth-error.js';
import { appliedScopes } from '../scopes/applied-scopes.js';
import { startSession } from '../sessions/start-session.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { tokenContext, withSession } from '../tokens/token-context.js';
import { tokenIdDetails } from '../tokens/token-id-details.js';
import type { GrantHandler, GrantRequest } from './grant-request.js';
import { NotAllowed } from './not-allowed.js';
import { realmPasswordPolicy, verifyUserPassword } from './password-verification.js';
import { recordLockoutEvent } from './lockout-event.js';
import { disableForPermanentLockout } from './permanent-lockout.js';

/** Keycloak's direct grant answers (ValidateUsername, ValidatePassword): 401 for bad credentials. */
const INVALID_CREDENTIALS = 'Invalid user credentials';

/**
 * RFC 6749 §4.3 resource owner password credentials, as Keycloak's ResourceOwnerPasswordCredentialsGrantType
 * and direct grant flow run it: only for clients with direct access grants enabled and no consent
 * required; the user found by username (or email when the realm allows it), not locked by
 * brute-force detection, enabled, the password right, no pending required action; offline_access
 * only with the offline_access role. Then a user session and tokens; a refresh token always (offline
 * with offline_access).
 */
export const passwordGrant: GrantHandler = async (request) => {
  const { client, realm, store, form } = request;
  const clientId = client.client.rep.clientId;
  const username = form.get('username');
  const fail = async (error: OAuthError, eventError: string, userId?: string, reason?: string): Promise<never> => {
    await recordEvent(store, realm, {
      type: 'LOGIN_ERROR',
      clientId,
      ...(userId ? { userId } : {}),
      ipAddress: request.ipAddress,
      error: eventError,
      details: { auth_method: 'openid-connect', grant_type: 'password', ...(username ? { username } : {}), ...(reason ? { reason } : {}) },
    });
    throw error;
  };
  const invalidGrant = (eventError: string, userId: string | undefined, description: string, status: number) =>
    fail(new InvalidGrant(description, status), eventError, userId);

  if (!client.client.rep.directAccessGrantsEnabled) {
    const reason = 'Client not allowed for direct access grants';
    return fail(new UnauthorizedClient(reason), 'not_allowed', undefined, reason);
  }
  if (client.client.rep.consentRequired) {
    // The direct grant has no consent screen, so a client that needs consent cannot use it.
    const reason = 'Client requires user consent';
    return fail(new InvalidClient(reason, false, 400), 'consent_denied', undefined, reason);
  }
  // Keycloak's direct grant ValidateUsername: 401 invalid_request, recorded as user_not_found.
  if (!username) return fail(new InvalidRequest('Missing parameter: username', 401), 'user_not_found');
  const scopes = appliedScopes(realm, client, form.get('scope'));
  const policy = realmPasswordPolicy(realm.realm.rep.passwordPolicy);
  const password = form.get('password') ?? '';

  const user = await findUser(request, username);
  if (!user) {
    // Same work as a real check, so a missing user is not told apart by timing (AuthenticatorUtils.dummyHash).
    await hashPassword(password, policy);
    return invalidGrant('user_not_found', undefined, INVALID_CREDENTIALS, 401);
  }
  const userId = user.user.rep.id;
  if (typeof user.user.rep['serviceAccountClientId'] === 'string') {
    // ValidateUsername: a client's service-account user never logs in with a password; answered exactly
    // as an unknown user (same work, same status and words), and not counted by brute-force detection.
    await hashPassword(password, policy);
    const reason = 'User is a service account';
    return fail(new InvalidGrant(INVALID_CREDENTIALS, 401), 'invalid_user', userId, reason);
  }
  const credential = user.credentials.find((c) => c.type === 'password');
  const check = await guardedPasswordCheck({
    realmSettings: bruteForceSettings(realm.realm.rep),
    realmId: realm.realm.id,
    userId,
    ip: request.ipAddress,
    user: { enabled: user.user.rep.enabled !== false, ...(user.user.rep.attributes ? { attributes: user.user.rep.attributes } : {}) },
    verify: () => verifyUserPassword(password, credential, policy),
    repo: new LoginFailures(store),
    dummyHash: () => hashPassword(password, policy),
  });
  if (!check.ok) {
    // ValidateUsername: locked → 400 "Invalid user credentials", disabled → 400 "Account disabled"; ValidatePassword: 401.
    if (check.reason === 'disabled') return invalidGrant('user_disabled', userId, 'Account disabled', 400);
    if (check.reason !== 'invalidCredentials') return invalidGrant(check.eventError!, userId, INVALID_CREDENTIALS, 400);
    if (check.permanentLockout) await disableForPermanentLockout(request, user, check.numFailures ?? 0);
    else if (check.temporaryLockoutNotBefore !== undefined) {
      await recordLockoutEvent(request, userId, { numFailures: check.numFailures ?? 0, temporaryNotBefore: check.temporaryLockoutNotBefore });
    }
    return invalidGrant('invalid_user_credentials', userId, INVALID_CREDENTIALS, 401);
  }
  if ((user.user.rep.requiredActions ?? []).length > 0) return invalidGrant('resolve_required_actions', userId, 'Account is not fully set up', 400);

  // Keycloak's generateRefreshToken: offline tokens need the offline_access role among the token's
  // roles; checked before anything is written for the login.
  const offline = scopes.scopes.some((scope) => scope.rep.name === 'offline_access');
  const ctx = await tokenContext(request.directory, client, user, scopes, undefined);
  if (offline && !ctx.mapperContext.roles.realm.has('offline_access')) {
    const reason = 'Offline tokens not allowed for the user or client';
    return fail(new NotAllowed(reason), 'not_allowed', userId, reason);
  }
  if (credential && needsRehash(credential, policy)) {
    // Keycloak rehashes after a successful login when the policy's algorithm or cost changed.
    await new UsersRepository(store).rehashCredential(realm.realm.id, userId, credential, await hashPassword(password, policy));
  }

  const session = await startSession(new SessionsRepository(store), {
    realm,
    client,
    user,
    ipAddress: request.ipAddress,
    scope: form.get('scope') ?? '',
    offline,
    now: request.now,
  });
  const response = await issueTokens(withSession(ctx, session), request.keys, { issuer: request.issuer, now: request.now, refreshToken: true });
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
      ...tokenIdDetails(response),
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
