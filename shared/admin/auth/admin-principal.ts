import type { RealmConfig } from '../../realm/realm-config.js';

/**
 * Who is calling the Admin API, however they proved it (DESIGN.md §9): a bearer token's user, or an
 * IAM principal mapped to admin rights. Admin events name it in their authDetails.
 */
export interface AdminPrincipal {
  readonly kind: 'user' | 'iam';
  /** The realm that authenticated the caller (master for IAM principals). */
  readonly realmId: string;
  readonly realmName: string;
  /** The client the token was issued to (its uuid, as Keycloak's authDetails.clientId). */
  readonly clientUuid?: string;
  /** A user id, or the IAM principal's ARN. */
  readonly userId: string;
  readonly username: string;
  /** The realm-management role names the caller holds over `target` (empty: none). */
  rolesOver(target: RealmConfig): Promise<ReadonlySet<string>>;
  /** Master's `create-realm` (or `admin`) role. */
  canCreateRealm(): Promise<boolean>;
}
