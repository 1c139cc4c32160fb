import { routePath } from '../../shared/routes.js';
import type { BenchRealm } from '../gatehouse/seed-realm.js';
import { basicAuth, form, formHeaders, postJson, type LoadRequest } from './load-request.js';

/** The flows the issue names, in report order. */
export const flowNames = ['client_credentials', 'refresh_token', 'password', 'introspection', 'userinfo', 'jwks', 'discovery'] as const;
export type FlowName = (typeof flowNames)[number];

export interface GatehouseTarget {
  readonly baseUrl: string;
  readonly seed: BenchRealm;
}

/**
 * Builds the request a flow repeats, with fresh tokens (so none expires during a point: Keycloak's
 * default access token lifespan is 5 minutes). `connections` sessions are opened for refresh_token,
 * one per connection, as that many clients would each refresh their own.
 */
export async function prepareFlow(flow: FlowName, target: GatehouseTarget, connections: number): Promise<LoadRequest> {
  const { seed } = target;
  const realm = seed.realm;
  const service = formHeaders(basicAuth(seed.service.clientId, seed.service.secret));
  const app = formHeaders(basicAuth(seed.app.clientId, seed.app.secret));
  const tokenPath = routePath('oidc.token', { realm });
  const login = () =>
    postJson(`${target.baseUrl}${tokenPath}`, app, form({ grant_type: 'password', username: seed.user.username, password: seed.user.password, scope: 'openid' }));
  switch (flow) {
    case 'client_credentials':
      return { method: 'POST', path: tokenPath, headers: service, body: form({ grant_type: 'client_credentials' }) };
    case 'password':
      return { method: 'POST', path: tokenPath, headers: app, body: form({ grant_type: 'password', username: seed.user.username, password: seed.user.password, scope: 'openid' }) };
    case 'refresh_token': {
      const bodies: string[] = [];
      for (let i = 0; i < connections; i++) bodies.push(form({ grant_type: 'refresh_token', refresh_token: String((await login()).refresh_token) }));
      return { method: 'POST', path: tokenPath, headers: app, perConnectionBodies: bodies };
    }
    case 'introspection': {
      const token = String((await login()).access_token);
      return { method: 'POST', path: routePath('oidc.introspect', { realm }), headers: app, body: form({ token, token_type_hint: 'access_token' }) };
    }
    case 'userinfo': {
      const token = String((await login()).access_token);
      return { method: 'GET', path: routePath('oidc.userinfo', { realm }), headers: { authorization: `Bearer ${token}` } };
    }
    case 'jwks':
      return { method: 'GET', path: routePath('oidc.certs', { realm }), headers: {} };
    case 'discovery':
      return { method: 'GET', path: routePath('oidc.discovery', { realm }), headers: {} };
  }
}
