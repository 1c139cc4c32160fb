import type { AdminEventInput } from '../../events/admin-event.js';
import { bodyText } from '../../http/request.js';
import type { RoleRecord, RoleRef } from '../../store/roles.js';
import type { TransactWrite } from '../../store/store.js';
import type { AdminRequest } from '../admin-request.js';
import { briefRole, byName, fullRole, roleListSchema, type RoleInput } from '../roles/role-representation.js';
import { resolveRoles, roleResolver } from '../roles/resolve-roles.js';
import type { MappingHolder } from './mapping-holders.js';

/** A role list body that may be absent: a DELETE without one means "all of them" in Keycloak. */
export function optionalRoleList(request: AdminRequest): RoleInput[] | undefined {
  return bodyText(request.event).trim() === '' ? undefined : request.body(roleListSchema);
}

/** The holder's direct mappings as roles, by name (dangling references to deleted roles are skipped). */
export async function directRoles(request: AdminRequest, holder: MappingHolder): Promise<RoleRecord[]> {
  return byName(await resolveRoles(roleResolver(holder.realm, await request.directory()), holder.direct));
}

/** Keycloak's `briefRepresentation` switch of the composite listings (default true). */
export function representer(request: AdminRequest): (role: RoleRecord) => ReturnType<typeof briefRole> {
  return (request.query.boolean('briefRepresentation') ?? true) ? briefRole : fullRole;
}

/**
 * MappingsRepresentation (RoleMapperResource.getRoleMappings, ScopeMappedResource.getScopeMappings):
 * realm roles under `realmMappings`, client roles under `clientMappings` by clientId as
 * ClientMappingsRepresentation {id, client, mappings}; each part only when it has roles.
 */
export async function mappingsRepresentation(request: AdminRequest, holder: MappingHolder): Promise<Record<string, unknown>> {
  const directory = await request.directory();
  const roles = await directRoles(request, holder);
  const realmMappings = roles.filter((role) => !role.clientUuid).map(briefRole);
  const clientMappings: Record<string, { id: string; client: string; mappings: ReturnType<typeof briefRole>[] }> = {};
  for (const role of roles.filter((candidate) => candidate.clientUuid)) {
    const client = await directory.clientByUuid(role.clientUuid!);
    if (!client) continue;
    const clientId = client.client.rep.clientId;
    (clientMappings[clientId] ??= { id: client.client.rep.id, client: clientId, mappings: [] }).mappings.push(briefRole(role));
  }
  return {
    ...(realmMappings.length > 0 ? { realmMappings } : {}),
    ...(Object.keys(clientMappings).length > 0 ? { clientMappings } : {}),
  };
}

/** Mapping or unmapping roles: each role once, in transactions of at most 100 writes, the last with the event. */
export async function commitMappings(
  request: AdminRequest,
  holder: MappingHolder,
  roles: readonly RoleRef[],
  mapped: boolean,
  event: AdminEventInput,
): Promise<void> {
  const seen = new Set<string>();
  const writes: TransactWrite[] = [];
  for (const role of roles) {
    if (seen.has(role.roleId)) continue;
    seen.add(role.roleId);
    writes.push(holder.write(role, mapped));
  }
  let rest = writes;
  while (rest.length > 98) {
    await request.store.transact(rest.slice(0, 98));
    rest = rest.slice(98);
  }
  await request.commit(rest, event, { config: holder.config, realm: holder.realm });
}

/** Roles of a container listed by name. */
export const sortedBriefs = (roles: readonly RoleRecord[]) => byName(roles).map(briefRole);

