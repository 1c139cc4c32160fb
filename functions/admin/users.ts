import { adminHandler } from '../../shared/admin/admin-handler.js';
import { credentialOperations } from '../../shared/admin/users/credential-operations.js';
import { credentialOrderOperations } from '../../shared/admin/users/credential-order-operations.js';
import { credentialTypeOperations } from '../../shared/admin/users/credential-type-operations.js';
import { federatedIdentityOperations } from '../../shared/admin/users/federated-identity-operations.js';
import { userConsentOperations } from '../../shared/admin/users/user-consent-operations.js';
import { userEmailOperations } from '../../shared/admin/users/user-email-operations.js';
import { userGroupOperations } from '../../shared/admin/users/user-group-operations.js';
import { userImpersonationOperations } from '../../shared/admin/users/user-impersonation-operations.js';
import { userOperations } from '../../shared/admin/users/user-operations.js';
import { userSessionOperations } from '../../shared/admin/users/user-session-operations.js';
import { usersCollectionOperations } from '../../shared/admin/users/users-collection-operations.js';
import { userRoleMappingOperations } from '../../shared/admin/role-mappings/role-mapping-operations.js';

/** The users admin resource (Keycloak's UsersResource and UserResource). */
export const handler = adminHandler([
  ...usersCollectionOperations,
  ...userOperations,
  ...credentialOperations,
  ...credentialOrderOperations,
  ...credentialTypeOperations,
  ...userGroupOperations,
  ...userSessionOperations,
  ...userConsentOperations,
  ...federatedIdentityOperations,
  ...userImpersonationOperations,
  ...userEmailOperations,
  ...userRoleMappingOperations,
]);
