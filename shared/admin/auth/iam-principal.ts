import type { HttpEvent } from '../../http/handler.js';
import { masterRealmId } from '../../realm/master.js';
import { AdminForbidden } from '../errors.js';
import { adminRights, REALM_ADMIN } from '../permissions.js';
import type { AdminPrincipal } from './admin-principal.js';
import { iamAdminConfig } from './iam-config.js';

interface IamIdentity {
  readonly userArn?: string;
  readonly userId?: string;
  readonly accountId?: string;
}

/**
 * The caller of an `iam` route: API Gateway's IAM authorizer (locally, the gateway) verified the
 * SigV4 signature and put the principal in requestContext.authorizer.iam (payload 2.0). Its rights
 * come from GATEHOUSE_IAM_ADMINS; a principal not listed there is refused (403), never guessed.
 */
export function iamPrincipal(event: HttpEvent): AdminPrincipal {
  const identity = (event.requestContext as { authorizer?: { iam?: IamIdentity } }).authorizer?.iam;
  const arn = identity?.userArn;
  if (!arn) throw new AdminForbidden();
  const grant = iamAdminConfig().grants.find((candidate) => candidate.principal === arn || candidate.principal === '*');
  if (!grant) throw new AdminForbidden();
  const roles: ReadonlySet<string> = grant.rights === 'admin' ? new Set([REALM_ADMIN, ...adminRights]) : grant.rights;
  return {
    kind: 'iam',
    realmId: masterRealmId,
    realmName: masterRealmId,
    userId: arn,
    username: arn,
    rolesOver: () => Promise.resolve(roles),
    canCreateRealm: () => Promise.resolve(grant.rights === 'admin'),
  };
}
