import type { RealmConfig } from '../../realm/realm-config.js';
import { UsersRepository, type UserPartition } from '../../store/users.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminForbidden, AdminNotFound } from '../errors.js';
import { mountOf } from '../admin-handler.js';

/** The users collection and one user's subtree (admin.users rows), for the operations' paths. */
export const usersPath = mountOf('admin.users');
export const userPath = `${mountOf('admin.users.rest')}/{id}`;

export interface UserAt {
  readonly realm: RealmConfig;
  readonly user: UserPartition;
}

/**
 * The user the path names (UsersResource.user): a caller who may query users learns that it does not
 * exist (404 "User not found"); anyone else gets 403, so ids cannot be phished. The operation then
 * checks its own right, as Keycloak's UserResource methods do.
 */
export async function userAt(request: AdminRequest): Promise<UserAt> {
  const realm = await request.realm();
  const user = await new UsersRepository(request.store).loadPartition(realm.realm.id, request.params['id'] ?? '');
  if (!user) {
    if (await request.has('query-users')) throw new AdminNotFound('User not found');
    throw new AdminForbidden();
  }
  return { realm, user };
}

/** The admin event path of a user (AdminEventBuilder.resourcePath relative to the realm). */
export const userEventPath = (userId: string, ...rest: string[]): string => ['users', userId, ...rest].join('/');

export type UserAccess = Record<'view' | 'manage' | 'mapRoles' | 'manageGroupMembership' | 'impersonate', boolean>;

/**
 * UserPermissions.getAccess without fine-grained permissions: view-users (or manage-users) views,
 * manage-users manages, maps roles and group memberships, the impersonation role impersonates.
 */
export async function userAccess(request: AdminRequest): Promise<UserAccess> {
  const manage = await request.has('manage-users');
  const view = manage || (await request.has('view-users'));
  return { view, manage, mapRoles: manage, manageGroupMembership: manage, impersonate: await request.has('impersonation') };
}
