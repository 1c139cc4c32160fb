import { randomUUID } from 'node:crypto';
import { AdminError } from '../../http/errors.js';
import type { RoleRepresentation } from '../../model/role.js';
import { roleCreationWrites, roleRecord, roleRefOf, roleUpdateWrites, type RoleRecord, type RoleRef } from '../../store/roles.js';
import type { AdminRequest } from '../admin-request.js';
import { created } from '../responses.js';
import type { HttpResult } from '../../http/response.js';
import { requestResourcePath } from './resource-path.js';
import type { RoleContainer } from './role-container.js';
import { roleResourceType } from './role-composites.js';
import { AdminBadRequestException } from './role-errors.js';
import { RoleGuard } from './role-guard.js';
import { roleAttributes, roleSchema, type RoleInput } from './role-representation.js';

/**
 * RoleContainerResource.createRole: a name is required (400 "role has no name"); description and
 * attributes are kept; a composite representation's children are given by name (KEYCLOAK-12754): an
 * unknown realm role or client role is 404, an unknown client is skipped, and each child must pass
 * requireMapComposite. 201 with the role's name in Location; 409 "Role with name X already exists".
 */
export async function createRole(request: AdminRequest, container: RoleContainer): Promise<HttpResult> {
  const body = request.body(roleSchema);
  if (body.name == null) throw new AdminBadRequestException('role has no name');
  const realmId = container.realm.realm.id;
  const id = randomUUID();
  const rep: RoleRepresentation & { id: string } = {
    id,
    name: body.name,
    ...(body.description != null ? { description: body.description } : {}),
    attributes: roleAttributes(body.attributes),
  };
  const composites = body.composite === true && body.composites ? await namedComposites(request, container, body.composites) : [];
  const record = roleRecord(realmId, rep, composites, container.client?.client.rep.id);
  await request.commit(
    roleCreationWrites(record),
    { operationType: 'CREATE', resourceType: roleResourceType(record), resourcePath: `${requestResourcePath(request)}/${body.name}`, representation: { ...body, id } },
    { config: true, realm: container.realm },
  );
  return created(request, body.name);
}

async function namedComposites(request: AdminRequest, container: RoleContainer, composites: NonNullable<RoleInput['composites']>): Promise<RoleRef[]> {
  const guard = new RoleGuard(request, container.realm);
  const refs: RoleRef[] = [];
  const add = async (role: RoleRecord) => {
    await guard.requireMapComposite(role);
    if (!refs.some((ref) => ref.roleId === role.rep.id)) refs.push(roleRefOf(role));
  };
  for (const name of composites.realm ?? []) {
    const role = container.realm.realmRoles.find((candidate) => candidate.rep.name === name);
    if (!role) throw new AdminError(404, `Realm Role with name ${name} does not exist`);
    await add(role);
  }
  const directory = await request.directory();
  for (const [clientId, names] of Object.entries(composites.client ?? {})) {
    const client = await directory.client(clientId);
    if (!client) continue;
    for (const name of names) {
      const role = client.roles.find((candidate) => candidate.rep.name === name);
      if (!role) throw new AdminError(404, `Client Role with name ${name} does not exist`);
      await add(role);
    }
  }
  return refs;
}

/**
 * RoleResource.updateRole: the name is required (400 "role has no name"), the description is set as
 * given (absent clears it), attributes replace the stored ones when given. A rename moves the name's
 * uniqueness claim: 409 "Role with name X already exists". Composites are left as they are.
 */
export async function updateRole(request: AdminRequest, realm: RoleContainer['realm'], role: RoleRecord): Promise<void> {
  const body = request.body(roleSchema);
  if (body.name == null || body.name.trim() === '') throw new AdminBadRequestException('role has no name');
  const { description: _previous, ...kept } = role.rep;
  const rep: RoleRepresentation & { id: string } = {
    ...kept,
    name: body.name,
    ...(body.description != null ? { description: body.description } : {}),
    attributes: body.attributes != null ? roleAttributes(body.attributes) : { ...(role.rep.attributes ?? {}) },
  };
  await request.commit(
    roleUpdateWrites(role, rep),
    { operationType: 'UPDATE', resourceType: roleResourceType(role), resourcePath: requestResourcePath(request), representation: body },
    { config: true, realm },
  );
}
