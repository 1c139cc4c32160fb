import type { GroupRepresentation } from '../../model/group.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import type { GroupRecord } from '../../store/groups.js';
import type { AdminRequest } from '../admin-request.js';
import { resolveRoles, roleResolver } from '../roles/resolve-roles.js';

/** GroupPermissions.getAccess without fine-grained permissions: view-users reads, manage-users changes. */
export type GroupAccess = Record<'view' | 'viewMembers' | 'manageMembers' | 'manage' | 'manageMembership', boolean>;

export async function groupAccess(request: AdminRequest): Promise<GroupAccess> {
  const manage = await request.has('manage-users');
  const view = manage || (await request.has('view-users'));
  return { view, viewMembers: view, manageMembers: manage, manage, manageMembership: manage };
}

export interface GroupView {
  /** Attributes and role names (ModelToRepresentation.toRepresentation(group, true)). */
  readonly full: boolean;
  readonly access?: GroupAccess;
  readonly subGroupCount?: number;
  readonly subGroups?: GroupRepresentation[];
}

/**
 * A group as Keycloak returns it, in its JSON field order: `subGroups` is always there (the Java
 * getter never answers null), the full form adds attributes and the names of the roles mapped to
 * the group (realm roles, and client roles by clientId).
 */
export async function groupRepresentation(request: AdminRequest, realm: RealmConfig, group: GroupRecord, view: GroupView): Promise<GroupRepresentation> {
  const rep: GroupRepresentation = {
    id: group.rep.id,
    name: group.rep.name,
    ...(group.rep.description != null ? { description: group.rep.description } : {}),
    path: group.rep.path,
    ...(group.rep.parentId ? { parentId: group.rep.parentId } : {}),
    ...(view.subGroupCount !== undefined ? { subGroupCount: view.subGroupCount } : {}),
    subGroups: view.subGroups ?? [],
  };
  if (view.full) {
    const directory = await request.directory();
    const roles = await resolveRoles(roleResolver(realm, directory), group.roleMappings);
    const clientRoles: Record<string, string[]> = {};
    for (const role of roles.filter((candidate) => candidate.clientUuid)) {
      const clientId = (await directory.clientByUuid(role.clientUuid!))?.client.rep.clientId;
      if (clientId) (clientRoles[clientId] ??= []).push(role.rep.name);
    }
    rep.attributes = { ...(group.rep.attributes ?? {}) };
    rep.realmRoles = roles.filter((role) => !role.clientUuid).map((role) => role.rep.name);
    rep.clientRoles = clientRoles;
  }
  if (view.access) rep.access = view.access;
  return rep;
}
