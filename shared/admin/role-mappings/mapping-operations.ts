import type { ClientConfig } from '../../store/clients.js';
import { roleRefOf, type RoleRecord } from '../../store/roles.js';
import type { AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { AdminNotFound } from '../errors.js';
import { requestResourcePath } from '../roles/resource-path.js';
import { roleWithId } from '../roles/role-container.js';
import { RoleGuard } from '../roles/role-guard.js';
import { byName, roleListSchema, type RoleInput } from '../roles/role-representation.js';
import { noContent, ok } from '../responses.js';
import type { MappingHolder, RoleTest } from './mapping-holders.js';
import { commitMappings, directRoles, mappingsRepresentation, optionalRoleList, representer, sortedBriefs } from './mapping-support.js';

/** How role mappings (RoleMapperResource) and scope mappings (ScopeMappedResource) differ in Keycloak. */
export interface MappingFlavor {
  readonly realmEvent: string;
  readonly clientEvent: string;
  /** The 404 message for an unknown client uuid in the path. */
  readonly unknownClient: string;
  /** Scope mappings find realm-level roles by id; role mappings by name, the id having to match. */
  readonly realmRoleById: boolean;
  /** Role mappings also check the id of a client role found by name. */
  readonly checkClientRoleId: boolean;
  /** Role mappings record no event for an empty list. */
  readonly eventForEmptyAdd: boolean;
  /** May the caller put this role in the mapping (and so list it as available)? */
  canMap(guard: RoleGuard, request: AdminRequest, role: RoleRecord): Promise<boolean>;
  /** Mapping a role also takes RolePermissions.requireMapRole (role mappings only). */
  readonly requireMapOnChange: boolean;
  /** Which roles the client `composite` listing counts (deep mappings or hasRole/hasScope). */
  readonly clientComposite: 'deep' | 'has';
}

const roleNotFound = () => new AdminNotFound('Role not found');

/**
 * The mapping endpoints under `base` for holders of one kind: all mappings, realm-level ones
 * (assigned, available, composite) and one client's (the same three), each answering Keycloak's way.
 */
export function mappingOperations(base: string, load: (request: AdminRequest) => Promise<MappingHolder>, flavor: MappingFlavor): AdminOperation[] {
  const realmPath = `${base}/realm`;
  const clientPath = `${base}/clients/{client}`;

  const withClient = async (request: AdminRequest): Promise<{ holder: MappingHolder; client: ClientConfig }> => {
    const holder = await load(request);
    const client = await (await request.directory()).clientByUuid(request.params['client'] ?? '');
    if (!client) throw new AdminNotFound(flavor.unknownClient);
    return { holder, client };
  };
  const viewed = async (request: AdminRequest, holder: MappingHolder) => {
    await request.require(holder.viewRight);
    return holder;
  };
  const realmRoleFor = async (request: AdminRequest, holder: MappingHolder, rep: RoleInput): Promise<RoleRecord> => {
    if (flavor.realmRoleById) {
      const role = rep.id ? await roleWithId(request, holder.realm, rep.id) : undefined;
      if (!role) throw roleNotFound();
      return role;
    }
    const role = holder.realm.realmRoles.find((candidate) => candidate.rep.name === rep.name);
    if (!role || role.rep.id !== rep.id) throw roleNotFound();
    return role;
  };
  const clientRoleFor = (client: ClientConfig, rep: RoleInput): RoleRecord => {
    const role = client.roles.find((candidate) => candidate.rep.name === rep.name);
    if (!role || (flavor.checkClientRoleId && role.rep.id !== rep.id)) throw roleNotFound();
    return role;
  };
  const available = async (request: AdminRequest, holder: MappingHolder, roles: readonly RoleRecord[]) => {
    const guard = new RoleGuard(request, holder.realm);
    const direct = new Set(holder.direct.map((ref) => ref.roleId));
    const candidates = roles.filter((role) => !direct.has(role.rep.id));
    const allowed = await Promise.all(candidates.map((role) => flavor.canMap(guard, request, role)));
    return sortedBriefs(candidates.filter((_role, index) => allowed[index]));
  };
  const change = async (request: AdminRequest, holder: MappingHolder, roles: RoleRecord[], mapped: boolean, body: unknown, resourceType: string) => {
    if (flavor.requireMapOnChange) {
      const guard = new RoleGuard(request, holder.realm);
      for (const role of roles) await guard.requireMapRole(role);
    }
    if (mapped && roles.length === 0 && !flavor.eventForEmptyAdd) return noContent();
    const event = { operationType: mapped ? ('CREATE' as const) : ('DELETE' as const), resourceType, resourcePath: requestResourcePath(request), representation: body };
    await commitMappings(request, holder, roles.map(roleRefOf), mapped, event);
    return noContent();
  };
  const test = (holder: MappingHolder, which: 'deep' | 'has'): Promise<RoleTest> => (which === 'deep' ? holder.deep() : holder.has());

  return [
    { method: 'GET', path: base, run: async (request) => ok(await mappingsRepresentation(request, await viewed(request, await load(request)))) },
    {
      method: 'GET',
      path: realmPath,
      run: async (request) => ok(sortedBriefs((await directRoles(request, await viewed(request, await load(request)))).filter((role) => !role.clientUuid))),
    },
    {
      method: 'POST',
      path: realmPath,
      async run(request) {
        const holder = await load(request);
        await request.require(holder.manageRight);
        const body = request.body(roleListSchema);
        const roles: RoleRecord[] = [];
        for (const rep of body) roles.push(await realmRoleFor(request, holder, rep));
        return change(request, holder, roles, true, body, flavor.realmEvent);
      },
    },
    {
      method: 'DELETE',
      path: realmPath,
      async run(request) {
        const holder = await load(request);
        await request.require(holder.manageRight);
        const body = optionalRoleList(request);
        const roles: RoleRecord[] = [];
        if (body) for (const rep of body) roles.push(await realmRoleFor(request, holder, rep));
        else roles.push(...(await directRoles(request, holder)).filter((role) => !role.clientUuid));
        return change(request, holder, roles, false, body ?? sortedBriefs(roles), flavor.realmEvent);
      },
    },
    {
      method: 'GET',
      path: `${realmPath}/available`,
      run: async (request) => {
        const holder = await viewed(request, await load(request));
        return ok(await available(request, holder, holder.realm.realmRoles));
      },
    },
    {
      method: 'GET',
      path: `${realmPath}/composite`,
      async run(request) {
        const holder = await viewed(request, await load(request));
        const has = await holder.has();
        return ok(byName(holder.realm.realmRoles.filter(has)).map(representer(request)));
      },
    },
    {
      method: 'GET',
      path: clientPath,
      async run(request) {
        const { holder, client } = await withClient(request);
        await viewed(request, holder);
        return ok(sortedBriefs((await directRoles(request, holder)).filter((role) => role.clientUuid === client.client.rep.id)));
      },
    },
    {
      method: 'POST',
      path: clientPath,
      async run(request) {
        const { holder, client } = await withClient(request);
        await request.require(holder.manageRight);
        const body = request.body(roleListSchema);
        return change(request, holder, body.map((rep) => clientRoleFor(client, rep)), true, body, flavor.clientEvent);
      },
    },
    {
      method: 'DELETE',
      path: clientPath,
      async run(request) {
        const { holder, client } = await withClient(request);
        await request.require(holder.manageRight);
        const body = optionalRoleList(request);
        const roles = body
          ? body.map((rep) => clientRoleFor(client, rep))
          : (await directRoles(request, holder)).filter((role) => role.clientUuid === client.client.rep.id);
        return change(request, holder, roles, false, body ?? sortedBriefs(roles), flavor.clientEvent);
      },
    },
    {
      method: 'GET',
      path: `${clientPath}/available`,
      async run(request) {
        const { holder, client } = await withClient(request);
        await viewed(request, holder);
        return ok(await available(request, holder, client.roles));
      },
    },
    {
      method: 'GET',
      path: `${clientPath}/composite`,
      async run(request) {
        const { holder, client } = await withClient(request);
        await viewed(request, holder);
        const has = await test(holder, flavor.clientComposite);
        return ok(byName(client.roles.filter(has)).map(representer(request)));
      },
    },
  ];
}
