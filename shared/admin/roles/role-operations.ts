import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminError } from '../../http/errors.js';
import { commitCascade } from './cascade.js';
import { requestResourcePath } from './resource-path.js';
import { addComposites, compositesIn, compositesOf, removeComposites, roleResourceType } from './role-composites.js';
import {
  clientContainer,
  clientWithUuid,
  realmContainer,
  requireListRoles,
  requireManageRoles,
  requireViewRoles,
  roleNamed,
  type RoleContainer,
} from './role-container.js';
import { groupsInRole, usersInRole } from './role-members.js';
import { roleRemoval } from './role-removal.js';
import { briefRole, byName, fullRole } from './role-representation.js';
import { createRole, updateRole } from './role-writes.js';
import { noContent, ok } from '../responses.js';
import type { RoleRecord } from '../../store/roles.js';

/** The default role (`default-roles-{realm}`) holds what every user gets; Keycloak refuses to delete it (400). */
export function refuseDefaultRoleDeletion(container: RoleContainer['realm'], role: Pick<RoleRecord, 'rep'>): void {
  const defaultRole = container.realm.rep.defaultRole as { id?: string; name?: string } | undefined;
  if (defaultRole?.id === role.rep.id) throw new AdminError(400, `${role.rep.name} is default role of the realm and cannot be removed.`);
}

/**
 * RoleContainerResource.getRoles: by name; `search` matches name or description (case-insensitive);
 * first/max page only when both are given (or with a search), as Keycloak's role stores page.
 */
function listedRoles(request: AdminRequest, container: RoleContainer) {
  const { query } = request;
  const search = query.string('search')?.trim().toLowerCase() ?? '';
  const first = query.integer('first');
  const max = query.integer('max');
  let roles = byName(container.roles);
  if (search) roles = roles.filter((role) => role.rep.name.toLowerCase().includes(search) || (role.rep.description ?? '').toLowerCase().includes(search));
  if (search || (first !== undefined && max !== undefined)) {
    const start = first !== undefined && first >= 0 ? first : 0;
    roles = roles.slice(start, max !== undefined && max >= 0 ? start + max : undefined);
  }
  return roles.map((query.boolean('briefRepresentation') ?? true) ? briefRole : fullRole);
}

/**
 * The role endpoints of one container (Keycloak's RoleContainerResource): the realm's roles under
 * /roles, a client's under /clients/{id}/roles.
 */
function containerOperations(base: string, load: (request: AdminRequest) => Promise<RoleContainer>): AdminOperation[] {
  const role = `${base}/{role-name}`;
  const named = async (request: AdminRequest, check: (request: AdminRequest, container: RoleContainer) => Promise<void>) => {
    const container = await load(request);
    await check(request, container);
    return { container, role: roleNamed(container, request.params['role-name']) };
  };
  return [
    {
      method: 'GET',
      path: base,
      async run(request) {
        const container = await load(request);
        await requireListRoles(request, container);
        return ok(listedRoles(request, container));
      },
    },
    {
      method: 'POST',
      path: base,
      async run(request) {
        const container = await load(request);
        await requireManageRoles(request, container);
        return createRole(request, container);
      },
    },
    { method: 'GET', path: role, run: async (request) => ok(fullRole((await named(request, requireViewRoles)).role)) },
    {
      method: 'PUT',
      path: role,
      async run(request) {
        const { container, role: found } = await named(request, requireManageRoles);
        await updateRole(request, container.realm, found);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: role,
      async run(request) {
        const { container, role: found } = await named(request, requireManageRoles);
        refuseDefaultRoleDeletion(container.realm, found);
        const cascade = await roleRemoval(request.store, container.realm, found);
        const event = { operationType: 'DELETE' as const, resourceType: roleResourceType(found), resourcePath: requestResourcePath(request) };
        await commitCascade(request, container.realm, cascade, event, true);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: `${role}/composites`,
      async run(request) {
        const { container, role: found } = await named(request, requireViewRoles);
        return ok((await compositesOf(request, container.realm, found)).map(briefRole));
      },
    },
    {
      method: 'POST',
      path: `${role}/composites`,
      async run(request) {
        const { container, role: found } = await named(request, requireManageRoles);
        await addComposites(request, container.realm, found);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: `${role}/composites`,
      async run(request) {
        const { container, role: found } = await named(request, requireManageRoles);
        await removeComposites(request, container.realm, found);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: `${role}/composites/realm`,
      async run(request) {
        const { container, role: found } = await named(request, requireViewRoles);
        return ok(await compositesIn(request, container.realm, found));
      },
    },
    {
      method: 'GET',
      path: `${role}/composites/clients/{clientUuid}`,
      async run(request) {
        const { container, role: found } = await named(request, requireViewRoles);
        const client = await clientWithUuid(request, request.params['clientUuid']);
        return ok(await compositesIn(request, container.realm, found, client.client.rep.id));
      },
    },
    {
      // Users in the role: view on the container and query-users, checked before the role is looked up.
      method: 'GET',
      path: `${role}/users`,
      async run(request) {
        const container = await load(request);
        await requireViewRoles(request, container);
        await request.require('query-users');
        return ok(await usersInRole(request, container.realm, roleNamed(container, request.params['role-name'])));
      },
    },
    {
      method: 'GET',
      path: `${role}/groups`,
      async run(request) {
        const { container, role: found } = await named(request, requireViewRoles);
        return ok(await groupsInRole(request, container.realm, found));
      },
    },
  ];
}

/** /roles/... (for functions/admin/roles.ts). */
export const realmRoleOperations: readonly AdminOperation[] = containerOperations(mountOf('admin.roles'), realmContainer);

/** /clients/{id}/roles/... (for functions/admin/clients.ts). */
export const clientRoleOperations: readonly AdminOperation[] = containerOperations(`${mountOf('admin.clients.rest')}/{id}/roles`, clientContainer);
