import type { RealmDirectory } from '../../realm/realm-directory.js';
import type { ClientConfig } from '../../store/clients.js';
import type { UserSessionRecord } from '../../store/sessions.js';
import type { UserData } from '../../store/users.js';
import { applyProtocolMappers } from '../mappers/apply.js';
import type { Claims } from '../mappers/mapper.js';
import { tokenContext } from '../tokens/token-context.js';
import { tokenScopes } from '../tokens/token-scopes.js';

/**
 * OIDC Core §5.3.2 UserInfo response, as Keycloak 26 builds it: the client's protocol mappers and
 * those of the client scopes the access token's `scope` names (UserInfoEndpoint:
 * DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession, token.getScope()))
 * write the claims whose mapper has `userinfo.token.claim` (TokenManager.transformUserInfoAccessToken);
 * `sub` always comes first, the mapped one or else the user's id (generateUserInfoClaims).
 */
export async function userInfoClaims(
  directory: RealmDirectory,
  client: ClientConfig,
  user: UserData,
  session: UserSessionRecord | undefined,
  scopeClaim: unknown,
): Promise<Claims> {
  const scopes = tokenScopes(directory.config, client, scopeClaim);
  const ctx = await tokenContext(directory, client, user, scopes, session);
  const mapped = applyProtocolMappers({}, ctx.mappers, ctx.mapperContext, 'userinfo');
  return { sub: mapped['sub'] ?? user.user.rep.id, ...mapped };
}
