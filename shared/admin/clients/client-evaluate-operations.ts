import { randomUUID } from 'node:crypto';
import { keyProviders } from '../../keys/key-providers.js';
import { issuerOf } from '../../oidc/discovery.js';
import type { Claims } from '../../oidc/mappers/mapper.js';
import { issueTokens } from '../../oidc/tokens/issue-tokens.js';
import { tokenContext } from '../../oidc/tokens/token-context.js';
import { tokenScopes } from '../../oidc/tokens/token-scopes.js';
import { userInfoClaims } from '../../oidc/userinfo/userinfo-claims.js';
import { OIDC_PROTOCOL } from '../../realm/create-client.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientConfig } from '../../store/clients.js';
import { userSessionItem, type UserSessionRecord } from '../../store/sessions.js';
import { UsersRepository, type UserData } from '../../store/users.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminForbidden, AdminNotFound } from '../errors.js';
import { ok } from '../responses.js';
import { clientAt } from './client-access.js';
import { scopeMappingOperations } from './client-evaluate-scope-mappings.js';

const evaluate = `${mountOf('admin.clients.rest')}/{id}/evaluate-scopes`;

/**
 * Keycloak's ClientScopeEvaluateResource (view-clients): which protocol mappers and roles a token of
 * this client would get for a `scope` parameter, and example tokens for a user. The examples are built
 * by the token endpoint's own code (token context, protocol mappers, signing) for a session that is
 * never stored, as Keycloak builds them in a transient user session; unknown scope names are ignored.
 */
export const clientEvaluateOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: `${evaluate}/protocol-mappers`,
    async run(request) {
      const { realm, client } = await clientAt(request);
      await request.require('view-clients');
      const protocol = client.client.rep.protocol ?? OIDC_PROTOCOL;
      const scopes = tokenScopes(realm, client, request.query.string('scope'));
      const containers = [
        { id: client.client.rep.id, name: '', type: 'client', mappers: client.client.rep.protocolMappers ?? [] },
        ...scopes.scopes.map((scope) => ({ id: scope.rep.id, name: scope.rep.name, type: 'client-scope', mappers: scope.rep.protocolMappers ?? [] })),
      ];
      return ok(
        containers.flatMap((container) =>
          container.mappers
            .filter((mapper) => mapper.protocol === protocol)
            .map((mapper) => ({
              mapperId: mapper.id,
              mapperName: mapper.name,
              containerId: container.id,
              containerName: container.name,
              containerType: container.type,
              protocolMapper: mapper.protocolMapper,
            })),
        ),
      );
    },
  },
  ...scopeMappingOperations(evaluate),
  {
    method: 'GET',
    path: `${evaluate}/generate-example-access-token`,
    run: async (request) => ok(await exampleToken(request, 'access')),
  },
  {
    method: 'GET',
    path: `${evaluate}/generate-example-id-token`,
    run: async (request) => ok(await exampleToken(request, 'id')),
  },
  {
    method: 'GET',
    path: `${evaluate}/generate-example-userinfo`,
    async run(request) {
      const { client, user, session } = await exampleInputs(request);
      const directory = await request.directory();
      return ok(await userInfoClaims(directory, client, user, session, request.query.string('scope')));
    },
  },
];

/** The example access or ID token's claims, as the token endpoint would sign them. */
async function exampleToken(request: AdminRequest, kind: 'access' | 'id'): Promise<Claims> {
  const { realm, client, user, session } = await exampleInputs(request);
  const directory = await request.directory();
  const scopes = tokenScopes(realm, client, request.query.string('scope'));
  // An example ID token is made whatever the scope says (ClientScopeEvaluateResource.generateExampleIdToken).
  const ctx = await tokenContext(directory, client, user, kind === 'id' ? { ...scopes, openid: true } : scopes, session);
  const response = await issueTokens(ctx, keyProviders(), { issuer: issuerOf(request.baseUrl, realm.realm.name), now: session.started, refreshToken: false });
  const token = kind === 'id' ? response.id_token! : response.access_token;
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Claims;
}

/**
 * The client, the user (`userId`: 404 "No userId provided"; 403 "You have no access to this user"
 * without view-users; 404 "No user found", as ClientScopeEvaluateResource.getUserModel) and a
 * transient session.
 */
async function exampleInputs(request: AdminRequest): Promise<{ realm: RealmConfig; client: ClientConfig; user: UserData; session: UserSessionRecord }> {
  const { realm, client } = await clientAt(request);
  await request.require('view-clients');
  const userId = request.query.string('userId');
  if (userId === undefined) throw new AdminNotFound('No userId provided');
  // getUserModel (Keycloak 26): the example shows the user's data, so the caller must be able to view
  // users too — checked before the user is known to exist, so ids cannot be probed without that right.
  if (!(await request.has('view-users'))) throw new AdminForbidden('You have no access to this user');
  const user = await new UsersRepository(request.store).load(realm.realm.id, userId);
  if (!user) throw new AdminNotFound('No user found');
  const now = Math.floor(Date.now() / 1000);
  const session = userSessionItem({
    realmId: realm.realm.id,
    id: randomUUID(),
    userId: user.user.rep.id,
    loginUsername: user.user.rep.username,
    ipAddress: request.ipAddress,
    authMethod: 'openid-connect',
    rememberMe: false,
    offline: false,
    started: now,
    lastSessionRefresh: now,
    expiresAt: now,
    notes: {},
  });
  return { realm, client, user, session };
}
