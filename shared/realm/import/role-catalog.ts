import { randomUUID } from 'node:crypto';
import type { ClientRepresentation } from '../../model/client.js';
import type { RoleRepresentation } from '../../model/role.js';
import { InvalidRealmError } from '../realm-errors.js';
import type { RealmInput } from './realm-schema.js';

type Role = RoleRepresentation & { id: string };
type ClientEntry = { client: ClientRepresentation & { id: string }; roles: Role[]; serviceAccountUserId?: string };
type GroupInput = NonNullable<RealmInput['groups']>[number];

/**
 * The roles of a realm being imported, by container and name: what the file defines, plus the roles
 * Keycloak's import creates on the fly for names it meets in users' and groups' role mappings and in
 * scope mappings (RepresentationToModel.createRoleMappings, importGroup, createClientScopeMappings:
 * `getRole(name) ?? addRole(name)`). A mapping naming a client the realm lacks is refused, as there.
 */
export class RoleCatalog {
  private readonly realm = new Map<string, Role>();
  private readonly clients = new Map<string, ClientEntry>();

  constructor(realmRoles: readonly Role[], clients: readonly ClientEntry[]) {
    for (const role of realmRoles) this.realm.set(role.name, role);
    for (const entry of clients) this.clients.set(entry.client.clientId, entry);
  }

  realmRoles(): Role[] {
    return [...this.realm.values()];
  }

  clientEntries(): ClientEntry[] {
    return [...this.clients.values()];
  }

  client(clientId: string): ClientEntry | undefined {
    return this.clients.get(clientId);
  }

  hasRealmRole(name: string): boolean {
    return this.realm.has(name);
  }

  ensureRealmRole(name: string): void {
    if (!this.realm.has(name)) this.realm.set(name, { id: randomUUID(), name, clientRole: false, attributes: {} });
  }

  ensureClientRole(clientId: string, name: string, context = 'role mappings'): void {
    const entry = this.clients.get(clientId);
    if (!entry) throw new InvalidRealmError(`Unable to find client ${context} for client: ${clientId}`);
    if (!entry.roles.some((role) => role.name === name)) entry.roles.push({ id: randomUUID(), name, clientRole: true, attributes: {} });
  }

  /** Adds a child to a role's composites (the child is created when missing, as the legacy import does). */
  addComposite(roleName: string, child: { realm: string } | { client: string; name: string }): void {
    const role = this.realm.get(roleName);
    if (!role) return;
    const composites = (role.composites ??= { realm: [], client: {} });
    if ('realm' in child) {
      this.ensureRealmRole(child.realm);
      if (!(composites.realm ??= []).includes(child.realm)) composites.realm.push(child.realm);
    } else {
      this.ensureClientRole(child.client, child.name);
      const list = ((composites.client ??= {})[child.client] ??= []);
      if (!list.includes(child.name)) list.push(child.name);
    }
  }

  /** Creates the roles the file's mappings name but never defines. */
  createReferenced(rep: RealmInput): void {
    for (const user of rep.users ?? []) this.mappings(user.realmRoles, user.clientRoles);
    const groups = [...(rep.groups ?? [])];
    for (let group: GroupInput | undefined; (group = groups.pop()); ) {
      this.mappings(group.realmRoles, group.clientRoles);
      groups.push(...(group.subGroups ?? []));
    }
    for (const mapping of rep.scopeMappings ?? []) for (const name of mapping.roles ?? []) this.ensureRealmRole(name.trim());
    for (const [clientId, mappings] of Object.entries(rep.clientScopeMappings ?? {})) {
      for (const mapping of mappings) for (const name of mapping.roles ?? []) this.ensureClientRole(clientId, name.trim(), 'scope mappings');
    }
  }

  private mappings(realmRoles: readonly string[] | null | undefined, clientRoles: Readonly<Record<string, readonly string[] | null>> | null | undefined): void {
    for (const name of realmRoles ?? []) this.ensureRealmRole(name.trim());
    for (const [clientId, names] of Object.entries(clientRoles ?? {})) for (const name of names ?? []) this.ensureClientRole(clientId, name.trim());
  }

  /** Drops the composites of `roleName` that name nothing (the built-in default role of a file without the account client's roles). */
  keepResolvable(roleName: string): void {
    const role = this.realm.get(roleName);
    if (!role?.composites) return;
    role.composites = {
      realm: (role.composites.realm ?? []).filter((name) => this.realm.has(name)),
      client: Object.fromEntries(
        Object.entries(role.composites.client ?? {}).map(([clientId, names]) => [clientId, names.filter((name) => this.resolves(clientId, name))]),
      ),
    };
  }

  /** Every composite names a role that exists (RepresentationToModel.importRoles fails otherwise). */
  checkComposites(): void {
    const all = [...this.realm.values(), ...[...this.clients.values()].flatMap((entry) => entry.roles)];
    for (const role of all) {
      for (const name of role.composites?.realm ?? []) {
        if (!this.realm.has(name)) throw new InvalidRealmError(`Unable to find composite realm role: ${name}`);
      }
      for (const [clientId, names] of Object.entries(role.composites?.client ?? {})) {
        for (const name of names) {
          if (!this.resolves(clientId, name)) throw new InvalidRealmError(`Unable to find composite client role: ${clientId}/${name}`);
        }
      }
    }
  }

  private resolves(clientId: string, name: string): boolean {
    return this.clients.get(clientId)?.roles.some((role) => role.name === name) ?? false;
  }
}
