import { HttpError } from '../../http/errors.js';
import { log } from '../../log/logger.js';
import { defaultMail } from '../../mail/default-mail.js';
import { executeActionsMail, verifyEmailMail, type MailContent } from '../../mail/account-mails.js';
import { mailConfig } from '../../mail/mail-config.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminBadRequest } from '../errors.js';
import { noContent } from '../responses.js';
import { actionLink, type ActionTokenRequest } from './action-link.js';
import { userAt, userEventPath, userPath, type UserAt } from './user-access.js';
import { REQUIRED_ACTION_PROVIDERS } from './user-profile-rules.js';
import { requiredActionsBodySchema } from './user-schema.js';
import { verifiedRedirectUri } from './redirect-uri.js';

/** ErrorResponse.error(..., 500) when the mail could not be sent. */
class MailNotSent extends HttpError {
  readonly statusCode = 500;
  body() {
    return { errorMessage: this.message };
  }
}

/**
 * Keycloak's UserResource mail endpoints (manage-users): execute-actions-email mails a link that
 * takes the user through the required actions in the body; send-verify-email mails an email
 * verification link. Both go out through the mail port (SES; aws-ses-v2-local on a laptop).
 */
export const userEmailOperations: readonly AdminOperation[] = [
  {
    method: 'PUT',
    path: `${userPath}/execute-actions-email`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const params = await sendEmailParams(request, { realm, user });
      const actions = request.event.body ? (request.body(requiredActionsBodySchema) ?? []) : [];
      const known = new Set<string>(REQUIRED_ACTION_PROVIDERS);
      if (!actions.every((action) => known.has(action))) throw new AdminBadRequest('Provided invalid required actions');
      const link = await actionLink(request.baseUrl, realm, { ...params.token, type: 'execute-actions', actions });
      await send(realm, params.email, executeActionsMail(link, realmName(realm), actions, params.lifespan), (error) => `Failed to send execute actions email: ${error.message}`);
      await request.commit([], { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(user.user.rep.id, 'execute-actions-email') }, { realm });
      return noContent();
    },
  },
  {
    method: 'PUT',
    path: `${userPath}/send-verify-email`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('manage-users');
      const params = await sendEmailParams(request, { realm, user });
      const link = await actionLink(request.baseUrl, realm, { ...params.token, type: 'verify-email' });
      await send(realm, params.email, verifyEmailMail(link, realmName(realm), params.lifespan), () => 'Failed to send verify email');
      await request.commit([], { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(user.user.rep.id, 'send-verify-email') }, { realm });
      return noContent();
    },
  },
];

/**
 * UserResource.verifySendEmailParams: the user needs an email and must be enabled; `redirect_uri`
 * needs `client_id`; the client (by default `account`, else Keycloak's `_system` client) must exist
 * and be enabled, and the redirect URI must be one of its valid ones; `lifespan` (seconds) defaults to
 * the realm's actionTokenGeneratedByAdminLifespan.
 */
async function sendEmailParams(request: AdminRequest, { realm, user }: UserAt) {
  const rep = user.user.rep;
  if (!rep.email) throw new AdminBadRequest('User email missing');
  if (!rep.enabled) throw new AdminBadRequest('User is disabled');
  const redirect = request.query.string('redirect_uri');
  const clientId = request.query.string('client_id');
  if (redirect !== undefined && clientId === undefined) throw new AdminBadRequest('Client id missing');
  const directory = await request.directory();
  const account = clientId === undefined ? await directory.client('account') : undefined;
  const client = clientId !== undefined ? await directory.client(clientId) : account?.client.rep.enabled !== false ? account : undefined;
  if (clientId !== undefined && !client) throw new AdminBadRequest("Client doesn't exist");
  if (client && client.client.rep.enabled === false) throw new AdminBadRequest('Client is not enabled');
  const redirectUri = redirect !== undefined ? verifiedRedirectUri(redirect, client!.client.rep) : undefined;
  if (redirect !== undefined && !redirectUri) throw new AdminBadRequest('Invalid redirect uri.');
  const lifespan = request.query.integer('lifespan') ?? Number(realm.realm.rep['actionTokenGeneratedByAdminLifespan'] ?? 43200);
  const token: Omit<ActionTokenRequest, 'type'> = {
    userId: rep.id,
    email: rep.email,
    clientId: client?.client.rep.clientId ?? '_system',
    expiresAt: Math.floor(Date.now() / 1000) + lifespan,
    ...(redirectUri ? { redirectUri } : {}),
  };
  return { email: rep.email, lifespan, token };
}

/** The realm's name in mails (FreeMarkerEmailTemplateProvider: display name, else name). */
function realmName(realm: RealmConfig): string {
  const display = realm.realm.rep.displayName;
  return typeof display === 'string' && display ? display : realm.realm.name;
}

/** Sends through the mail port; a refusal is Keycloak's 500 with its message for the endpoint. */
async function send(realm: RealmConfig, to: string, content: MailContent, failure: (error: Error) => string): Promise<void> {
  const smtp = realm.realm.rep['smtpServer'] as Record<string, unknown> | undefined;
  const from = typeof smtp?.['from'] === 'string' && smtp['from'] ? smtp['from'] : mailConfig().from;
  try {
    await defaultMail().send({ from, to, ...content });
  } catch (error) {
    log('warn', 'mail not sent', { realmId: realm.realm.id, error });
    throw new MailNotSent(failure(error as Error));
  }
}
