import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/response.js';
import { realmRequest } from '../../shared/oidc/realm-request.js';
import { answerUserInfo } from '../../shared/oidc/userinfo/answer-userinfo.js';
import { presentedAccessToken } from '../../shared/oidc/userinfo/presented-access-token.js';

/**
 * GET and POST /realms/{realm}/protocol/openid-connect/userinfo — OIDC Core §5.3: the claims about
 * the user an access token stands for. The token comes as a Bearer header or, on POST, as the
 * `access_token` form parameter (RFC 6750 §2.1, §2.2); errors are Bearer challenges (RFC 6750 §3).
 */
export const handler = httpHandler(async (event) => {
  const request = await realmRequest(event);
  const presented = presentedAccessToken(event, request.realm.realm.name);
  const claims = await answerUserInfo(request, presented, Math.floor(Date.now() / 1000));
  return json(200, claims, { 'cache-control': 'no-cache' });
});
