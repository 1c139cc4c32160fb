import type { ClientConfig } from '../../store/clients.js';
import type { RoleRecord, RoleRef } from '../../store/roles.js';

/** Loads a client's configuration (with its roles) by client uuid, cached by the caller. */
export type ClientLoader = (clientUuid: string) => Promise<ClientConfig | undefined>;

/**
 * Resolves role references to roles and expands composites (Keycloak's RoleUtils.expandCompositeRoles):
 * breadth-first with a visited set, so cycles (A ⊃ B ⊃ A) end, and each role is expanded once.
 * References to roles that no longer exist are skipped, as Keycloak skips dangling mappings.
 */
export class RoleResolver {
  private readonly realmRoles: ReadonlyMap<string, RoleRecord>;

  constructor(
    realmRoles: readonly RoleRecord[],
    private readonly loadClient: ClientLoader,
  ) {
    this.realmRoles = new Map(realmRoles.map((role) => [role.rep.id, role]));
  }

  async resolve(ref: RoleRef): Promise<RoleRecord | undefined> {
    if (!ref.clientUuid) return this.realmRoles.get(ref.roleId);
    const client = await this.loadClient(ref.clientUuid);
    return client?.roles.find((role) => role.rep.id === ref.roleId);
  }

  /** The roles and everything they contain, transitively. */
  async expand(refs: Iterable<RoleRef>): Promise<RoleRecord[]> {
    const seen = new Map<string, RoleRecord>();
    let frontier = [...refs];
    while (frontier.length > 0) {
      const resolved = await Promise.all(frontier.filter((ref) => !seen.has(ref.roleId)).map((ref) => this.resolve(ref)));
      frontier = [];
      for (const role of resolved) {
        if (!role || seen.has(role.rep.id)) continue;
        seen.set(role.rep.id, role);
        frontier.push(...role.composites);
      }
    }
    return [...seen.values()];
  }
}

export const roleRefOf = (role: RoleRecord): RoleRef => (role.clientUuid ? { roleId: role.rep.id, clientUuid: role.clientUuid } : { roleId: role.rep.id });
