import type { ClientConfig } from '../../store/clients.js';
import type { RoleRecord, RoleRef } from '../../store/roles.js';
import type { RealmConfig } from '../realm-config.js';

/**
 * Names for the ids a realm's items refer by (roles, clients, client scopes): an export writes names,
 * as Keycloak's representations do, so the file imports into another store with other ids.
 */
export class RealmNames {
  private readonly realmRoles = new Map<string, RoleRecord>();
  private readonly clientRoles = new Map<string, RoleRecord>();
  private readonly clientIds = new Map<string, string>();
  private readonly scopes = new Map<string, string>();

  constructor(
    readonly config: RealmConfig,
    readonly clients: readonly ClientConfig[],
  ) {
    for (const role of config.realmRoles) this.realmRoles.set(role.rep.id, role);
    for (const scope of config.clientScopes) this.scopes.set(scope.rep.id, scope.rep.name);
    for (const client of clients) {
      this.clientIds.set(client.client.rep.id, client.client.rep.clientId);
      for (const role of client.roles) this.clientRoles.set(role.rep.id, role);
    }
  }

  clientId(clientUuid: string): string | undefined {
    return this.clientIds.get(clientUuid);
  }

  scopeName(scopeId: string): string | undefined {
    return this.scopes.get(scopeId);
  }

  /** Role refs as RoleRepresentation.composites / UserRepresentation mappings: realm names and client names by clientId. */
  namesOf(refs: readonly RoleRef[]): { realm: string[]; client: Record<string, string[]> } {
    const realm: string[] = [];
    const client: Record<string, string[]> = {};
    for (const ref of refs) {
      if (ref.clientUuid) {
        const role = this.clientRoles.get(ref.roleId);
        const clientId = this.clientIds.get(ref.clientUuid);
        if (role && clientId) (client[clientId] ??= []).push(role.rep.name);
      } else {
        const role = this.realmRoles.get(ref.roleId);
        if (role) realm.push(role.rep.name);
      }
    }
    realm.sort();
    for (const names of Object.values(client)) names.sort();
    return { realm, client };
  }
}

export const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
