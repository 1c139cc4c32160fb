import { keyProviders } from '../../keys/key-providers.js';
import { ADMIN_ROLE, masterAdminClientId, realmAdminRoleNames } from '../../model/builtin/index.js';
import { realmCreation } from '../../realm/create-realm.js';
import { DuplicateInRealmError } from '../../realm/import/content-plan.js';
import { importRealm } from '../../realm/import/import-realm.js';
import { realmSchema } from '../../realm/import/realm-schema.js';
import { PasswordPolicyNotMetError } from '../../realm/import/user-items.js';
import { masterRealmId } from '../../realm/master.js';
import { loadRealmConfig } from '../../realm/realm-config.js';
import { directoryOf } from '../../realm/realm-directory.js';
import { InvalidRealmError } from '../../realm/realm-errors.js';
import { ClientsRepository } from '../../store/clients.js';
import { ConflictError } from '../../store/errors.js';
import { duplicateRealmMessage, RealmsRepository } from '../../store/realms.js';
import { UsersRepository, userRoleMappingItem } from '../../store/users.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { effectiveRoles } from '../auth/effective-roles.js';
import { AdminBadRequest, AdminConflict, AdminForbidden } from '../errors.js';
import { holds, holdsAny } from '../permissions.js';
import { created, ok } from '../responses.js';
import { briefRealmRepresentation, realmRepresentation } from './realm-representation.js';

const realms = mountOf('admin.realms');

/** RealmsAdminResource: the realms the caller may see, and realm creation from a representation. */
export const realmCollectionOperations: readonly AdminOperation[] = [
  {
    // GET /admin/realms: by name; the full representation where the caller may view the realm
    // (the brief one with briefRepresentation=true), only the name where it holds another admin role.
    method: 'GET',
    path: realms,
    async run(request) {
      const repository = new RealmsRepository(request.store);
      const brief = request.query.boolean('briefRepresentation') === true;
      const visible: unknown[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.list(100, cursor);
        for (const record of page.items) {
          const config = await loadRealmConfig(request.store, record.id);
          if (!config) continue;
          const roles = await request.principal.rolesOver(config);
          if (holds(roles, 'view-realm')) visible.push(brief ? briefRealmRepresentation(config) : await realmRepresentation(request.store, config));
          else if (holdsAny(roles)) visible.push({ realm: config.realm.name });
        }
        cursor = page.cursor;
      } while (cursor);
      return ok(visible);
    },
  },
  {
    // POST /admin/realms: RealmsAdminResource.importRealm (master's create-realm or admin role), 201
    // with the realm's name as the Location's last segment. Keycloak records no admin event for it.
    method: 'POST',
    path: realms,
    async run(request) {
      if (!(await request.principal.canCreateRealm())) throw new AdminForbidden();
      const body = request.body(realmSchema);
      if (body.realm && (await new RealmsRepository(request.store).getByName(body.realm, { consistent: true }))) {
        throw new AdminConflict(duplicateRealmMessage(body.realm));
      }
      try {
        const record = await importRealm(realmCreation(request.store, keyProviders()), body);
        await grantToCreator(request, record.name);
        return created(request, record.name);
      } catch (error) {
        throw asAdminError(error);
      }
    },
  },
];

/** The Admin API's answer for what a realm import refuses. */
export function asAdminError(error: unknown): unknown {
  if (error instanceof InvalidRealmError) return new AdminBadRequest(error.message);
  if (error instanceof PasswordPolicyNotMetError) return new AdminBadRequest('Password policy not met. See logs for details');
  if (error instanceof DuplicateInRealmError) return new AdminConflict(error.message);
  if (error instanceof ConflictError) return new AdminConflict(error.message);
  return error;
}

/**
 * RealmsAdminResource.grantPermissionsToRealmCreator: a creator without master's `admin` role (one with
 * create-realm only) is given every admin role of the new realm's `{realm}-realm` client, so they can
 * manage what they made.
 */
async function grantToCreator(request: AdminRequest, realmName: string): Promise<void> {
  if (request.principal.kind !== 'user' || request.principal.realmId !== masterRealmId) return;
  const master = await loadRealmConfig(request.store, masterRealmId);
  const user = master ? await new UsersRepository(request.store).load(masterRealmId, request.principal.userId) : undefined;
  if (!master || !user) return;
  const roles = await effectiveRoles(master, directoryOf(master, request.store), user);
  if (roles.some((role) => !role.clientUuid && role.rep.name === ADMIN_ROLE)) return;
  const client = await new ClientsRepository(request.store).loadByClientId(masterRealmId, masterAdminClientId(realmName));
  if (!client) return;
  const granted = client.roles.filter((role) => realmAdminRoleNames.includes(role.rep.name));
  // User role mappings are user data, never cached: no configVersion bump.
  await request.store.transact(granted.map((role) => ({ kind: 'put', item: userRoleMappingItem(masterRealmId, user.user.rep.id, { roleId: role.rep.id, clientUuid: role.clientUuid! }) })));
}
