import type { RealmConfig } from '../../realm/realm-config.js';
import type { RoleRecord } from '../../store/roles.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';
import { commitCascade } from './cascade.js';
import { requestResourcePath } from './resource-path.js';
import { addComposites, compositesIn, compositesOf, removeComposites, roleResourceType } from './role-composites.js';
import { clientWithUuid, requireManageRole, requireViewRole, roleWithId } from './role-container.js';
import { refuseDefaultRoleDeletion } from './role-operations.js';
import { roleRemoval } from './role-removal.js';
import { briefRole, fullRole } from './role-representation.js';
import { updateRole } from './role-writes.js';

const role = `${mountOf('admin.roles-by-id')}/{role-id}`;

/** RoleByIdResource.getRoleModel: any role of the realm by id, else 404 "Could not find role with id". */
async function roleAt(request: AdminRequest): Promise<{ realm: RealmConfig; role: RoleRecord }> {
  const realm = await request.realm();
  const found = await roleWithId(request, realm, request.params['role-id'] ?? '');
  if (!found) throw new AdminNotFound('Could not find role with id');
  return { realm, role: found };
}

/**
 * Keycloak's RoleByIdResource: a role of the realm or of any of its clients by id, with the rights
 * of its container (view/manage-realm or view/manage-clients).
 */
export const roleByIdOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: role,
    async run(request) {
      const { role: found } = await roleAt(request);
      await requireViewRole(request, found);
      return ok(fullRole(found));
    },
  },
  {
    method: 'PUT',
    path: role,
    async run(request) {
      const { realm, role: found } = await roleAt(request);
      await requireManageRole(request, found);
      await updateRole(request, realm, found);
      return noContent();
    },
  },
  {
    // DELETE: the default role is refused (400) before anything else, as Keycloak checks it first.
    method: 'DELETE',
    path: role,
    async run(request) {
      const realm = await request.realm();
      refuseDefaultRoleDeletion(realm, { rep: { id: request.params['role-id'] ?? '', name: defaultRoleName(realm) } });
      const { role: found } = await roleAt(request);
      await requireManageRole(request, found);
      const cascade = await roleRemoval(request.store, realm, found);
      await commitCascade(request, realm, cascade, { operationType: 'DELETE', resourceType: roleResourceType(found), resourcePath: requestResourcePath(request) }, true);
      return noContent();
    },
  },
  {
    // GET composites: all children, or — with search, first or max — those whose name contains
    // `search`, paged (RoleModel.getCompositesStream(search, first, max)).
    method: 'GET',
    path: `${role}/composites`,
    async run(request) {
      const { realm, role: found } = await roleAt(request);
      await requireViewRole(request, found);
      const { query } = request;
      const search = query.string('search');
      const first = query.integer('first');
      const max = query.integer('max');
      let children = await compositesOf(request, realm, found);
      if (search !== undefined || first !== undefined || max !== undefined) {
        const wanted = (search ?? '').toLowerCase();
        children = children.filter((child) => child.rep.name.toLowerCase().includes(wanted));
        const start = first !== undefined && first >= 0 ? first : 0;
        children = children.slice(start, max !== undefined && max >= 0 ? start + max : undefined);
      }
      return ok(children.map(briefRole));
    },
  },
  {
    method: 'POST',
    path: `${role}/composites`,
    async run(request) {
      const { realm, role: found } = await roleAt(request);
      await requireManageRole(request, found);
      await addComposites(request, realm, found);
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: `${role}/composites`,
    async run(request) {
      const { realm, role: found } = await roleAt(request);
      await requireManageRole(request, found);
      await removeComposites(request, realm, found);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${role}/composites/realm`,
    async run(request) {
      const { realm, role: found } = await roleAt(request);
      await requireViewRole(request, found);
      return ok(await compositesIn(request, realm, found));
    },
  },
  {
    method: 'GET',
    path: `${role}/composites/clients/{clientUuid}`,
    async run(request) {
      const { realm, role: found } = await roleAt(request);
      await requireViewRole(request, found);
      const client = await clientWithUuid(request, request.params['clientUuid']);
      return ok(await compositesIn(request, realm, found, client.client.rep.id));
    },
  },
];

function defaultRoleName(realm: RealmConfig): string {
  const defaultRole = realm.realm.rep.defaultRole as { id?: string; name?: string } | undefined;
  return realm.realmRoles.find((candidate) => candidate.rep.id === defaultRole?.id)?.rep.name ?? defaultRole?.name ?? '';
}
