import { ADMIN_ROLE, adminClientRoleNames, CREATE_REALM_ROLE, masterAdminClientId, REALM_ADMIN_ROLE, REALM_MANAGEMENT_CLIENT_ID } from '../../model/builtin/roles.js';
import { masterRealmId } from '../../realm/master.js';
import { loadRealmConfig, type RealmConfig } from '../../realm/realm-config.js';
import { directoryOf } from '../../realm/realm-directory.js';
import type { RoleRecord } from '../../store/roles.js';
import { UsersRepository } from '../../store/users.js';
import type { AdminRequest } from '../admin-request.js';
import { effectiveRoles } from '../auth/effective-roles.js';
import { AdminForbidden } from '../errors.js';
import type { AdminRight } from '../permissions.js';

/** AdminRoles.ALL_ROLES: the names that make a role an admin role wherever it is defined. */
const adminRoleNames = new Set([ADMIN_ROLE, CREATE_REALM_ROLE, REALM_ADMIN_ROLE, ...adminClientRoleNames]);

/**
 * The right an admin must hold to hand out one of the realm's own admin roles (RolePermissions.checkAdminRoles):
 * `true` for the query- roles anyone may hand out, undefined for roles no right covers.
 */
const rightToGrant: Readonly<Record<string, AdminRight | true>> = {
  'manage-clients': 'manage-clients',
  'create-client': 'manage-clients',
  'view-clients': 'view-clients',
  'query-realms': true,
  'query-clients': true,
  'query-users': true,
  'query-groups': true,
  'manage-authorization': 'manage-authorization',
  'view-authorization': 'view-authorization',
  'manage-events': 'manage-events',
  'view-events': 'view-events',
  'manage-users': 'manage-users',
  'view-users': 'view-users',
  'manage-identity-providers': 'manage-identity-providers',
  'view-identity-providers': 'view-identity-providers',
  'manage-realm': 'manage-realm',
  'view-realm': 'view-realm',
  impersonation: 'impersonation',
};

/**
 * Who may hand out which role, as Keycloak's RolePermissions decides without fine-grained permissions:
 * - mapping a role to a user or group (canMapRole) takes manage-users;
 * - making a role part of a composite (canMapComposite) takes manage-realm for realm roles and
 *   manage-clients for client roles;
 * and in both cases an admin role passes only if the admin holds it already or holds the right it
 * stands for (checkAdminRoles): nobody gives out, to others or to themselves, more than they have.
 * realm-admin needs master's admin role; master's own admin roles and the `{realm}-realm` roles in
 * master need the role itself.
 */
export class RoleGuard {
  private held?: Promise<ReadonlySet<string>>;

  constructor(
    private readonly request: AdminRequest,
    private readonly realm: RealmConfig,
  ) {}

  async canMapRole(role: RoleRecord): Promise<boolean> {
    return (await this.request.has('manage-users')) && this.checkAdminRoles(role);
  }

  async canMapComposite(role: RoleRecord): Promise<boolean> {
    return (await this.request.has(role.clientUuid ? 'manage-clients' : 'manage-realm')) && this.checkAdminRoles(role);
  }

  async requireMapRole(role: RoleRecord): Promise<void> {
    if (!(await this.canMapRole(role))) throw new AdminForbidden();
  }

  async requireMapComposite(role: RoleRecord): Promise<void> {
    if (!(await this.canMapComposite(role))) throw new AdminForbidden();
  }

  private async checkAdminRoles(role: RoleRecord): Promise<boolean> {
    if (!adminRoleNames.has(role.rep.name)) return true;
    if ((await this.heldRoleIds()).has(role.rep.id)) return true;
    const directory = await this.request.directory();
    const isMaster = this.realm.realm.id === masterRealmId;
    const management = await directory.client(isMaster ? masterAdminClientId(this.realm.realm.name) : REALM_MANAGEMENT_CLIENT_ID);
    if (role.clientUuid && role.clientUuid === management?.client.rep.id) {
      if (role.rep.name === REALM_ADMIN_ROLE) return this.isServerAdmin();
      const right = rightToGrant[role.rep.name];
      return right === true || (right !== undefined && (await this.request.has(right)));
    }
    // Admin roles anywhere else: master's admin and create-realm, and the `{realm}-realm` clients' roles.
    if (!isMaster) return true;
    if (!role.clientUuid) return false;
    const client = await directory.clientByUuid(role.clientUuid);
    return !client?.client.rep.clientId.endsWith('-realm');
  }

  /** The ids of every role the caller has (direct, through groups, composites expanded); none for IAM callers. */
  private heldRoleIds(): Promise<ReadonlySet<string>> {
    return (this.held ??= (async () => {
      const principal = this.request.principal;
      if (principal.kind !== 'user') return new Set<string>();
      const store = this.request.store;
      const config = principal.realmId === this.realm.realm.id ? this.realm : await loadRealmConfig(store, principal.realmId);
      const user = config ? await new UsersRepository(store).load(principal.realmId, principal.userId) : undefined;
      if (!config || !user) return new Set<string>();
      return new Set((await effectiveRoles(config, directoryOf(config, store), user)).map((held) => held.rep.id));
    })());
  }

  /** Master's admin role (an IAM principal granted full admin counts as holding it). */
  private async isServerAdmin(): Promise<boolean> {
    const principal = this.request.principal;
    if (principal.kind === 'iam') return principal.canCreateRealm();
    if (principal.realmId !== masterRealmId) return false;
    const master = principal.realmId === this.realm.realm.id ? this.realm : await loadRealmConfig(this.request.store, masterRealmId);
    const admin = master?.realmRoles.find((candidate) => candidate.rep.name === ADMIN_ROLE);
    return Boolean(admin && (await this.heldRoleIds()).has(admin.rep.id));
  }
}
