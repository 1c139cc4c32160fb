import { randomUUID } from 'node:crypto';
import { HttpError } from '../../../http/errors.js';
import { importedRole } from '../../../realm/import/content-plan.js';
import { InvalidRealmError } from '../../../realm/realm-errors.js';
import { loadRealmConfig } from '../../../realm/realm-config.js';
import { ClientsRepository } from '../../../store/clients.js';
import { roleCreationWrites, roleRecord, type RoleRecord, type RoleRef } from '../../../store/roles.js';
import type { TransactWrite } from '../../../store/store.js';
import type { AdminRequest } from '../../admin-request.js';
import { commitCascade } from '../../roles/cascade.js';
import { roleRemoval } from '../../roles/role-removal.js';
import { importEvent, type PartialImportInput, type PartialImportResult, type Policy, type ResourceImport } from './partial-import-types.js';
import { withoutEvents } from './silent-request.js';

type RoleInput = NonNullable<NonNullable<NonNullable<PartialImportInput['roles']>['realm']>>[number];
interface Entry {
  readonly input: RoleInput;
  readonly name: string;
  /** The client's clientId for a client role. */
  readonly clientId?: string;
  /** Known once the client exists: it may come with this very import (clients are imported first). */
  clientUuid?: string;
  existing?: RoleRecord;
  readonly id: string;
}

/** ErrorResponse.error(message, PRECONDITION_FAILED): 412 with Keycloak's admin error body. */
class PreconditionFailed extends HttpError {
  readonly statusCode = 412;
  body() {
    return { errorMessage: this.message };
  }
}

/**
 * RolesPartialImport (realm and client roles together, through RepresentationToModel.importRoles):
 * every imported role gets a new id; overwritten roles are deleted first (with their mappings and
 * their place in composites); composites are resolved by name among the realm's roles and the
 * imported ones, after all are known. A client role's client must exist or be among the file's
 * clients (ClientRolesPartialImport.clientExists; otherwise 412); it is looked up again when the
 * roles are written, after the clients were imported or overwritten.
 */
export class RolesImport implements ResourceImport {
  private readonly entries: Entry[] = [];

  constructor(private readonly input: PartialImportInput) {}

  async prepare(request: AdminRequest): Promise<void> {
    const realm = await request.realm();
    for (const role of this.input.roles?.realm ?? []) {
      const name = nameOf(role);
      this.entries.push({ input: role, name, id: randomUUID(), existing: realm.realmRoles.find((r) => r.rep.name === name) });
    }
    const repository = new ClientsRepository(request.store);
    for (const [clientId, roles] of Object.entries(this.input.roles?.client ?? {})) {
      const client = await repository.loadByClientId(realm.realm.id, clientId);
      if (!client && !(this.input.clients ?? []).some((given) => given.clientId === clientId)) {
        throw new PreconditionFailed(`Can not import client roles for nonexistent client named ${clientId}`);
      }
      for (const role of roles) {
        const name = nameOf(role);
        const existing = client?.roles.find((r) => r.rep.name === name);
        this.entries.push({ input: role, name, clientId, id: randomUUID(), ...(existing ? { existing } : {}) });
      }
    }
  }

  existsMessage(): string | undefined {
    const first = this.entries.find((entry) => entry.existing);
    if (!first) return undefined;
    return first.clientId ? `Client role '${first.name}' for client '${first.clientId}' already exists.` : `Realm role '${first.name}' already exists.`;
  }

  async run(request: AdminRequest, policy: Policy): Promise<PartialImportResult[]> {
    const realmId = (await request.realm()).realm.id;
    await this.resolveClients(request, realmId);
    const results: PartialImportResult[] = [];
    const created: Entry[] = [];
    for (const entry of this.entries) {
      if (entry.existing && policy === 'SKIP') results.push(resultOf(entry, 'SKIPPED', entry.existing.rep.id));
      else created.push(entry);
    }
    // Every composite resolves before anything changes (a name nothing defines is a 400, nothing written).
    const resolve = await this.resolver(request, realmId, created);
    const planned = created.map((entry) => {
      const role = importedRole(entry.input, entry.clientUuid);
      return { entry, record: roleRecord(realmId, { ...role, id: entry.id }, resolve(role.composites), entry.clientUuid) };
    });
    for (const entry of created.filter((e) => e.existing)) {
      const realm = (await loadRealmConfig(request.store, realmId))!;
      const fresh = entry.clientUuid
        ? (await new ClientsRepository(request.store).load(realmId, entry.clientUuid))?.roles.find((r) => r.rep.id === entry.existing!.rep.id)
        : realm.realmRoles.find((r) => r.rep.id === entry.existing!.rep.id);
      if (fresh) await commitCascade(withoutEvents(request), realm, await roleRemoval(request.store, realm, fresh), importEvent(resultOf(entry, 'OVERWRITTEN', fresh.rep.id), true, null), true);
    }
    const realm = (await loadRealmConfig(request.store, realmId))!;
    for (const { entry, record } of planned) {
      const result = resultOf(entry, entry.existing ? 'OVERWRITTEN' : 'ADDED', entry.clientUuid ?? entry.id);
      const writes: TransactWrite[] = roleCreationWrites(record);
      await request.commit(writes, importEvent(result, Boolean(entry.existing), { ...entry.input, id: entry.id }), { config: true, realm });
      results.push(result);
    }
    return results;
  }

  /** The clients of the client roles as they are now (RepresentationToModel.importRoles: each must exist). */
  private async resolveClients(request: AdminRequest, realmId: string): Promise<void> {
    const repository = new ClientsRepository(request.store);
    const uuids = new Map<string, string>();
    for (const entry of this.entries) {
      if (!entry.clientId) continue;
      if (!uuids.has(entry.clientId)) {
        const client = await repository.loadByClientId(realmId, entry.clientId);
        if (!client) throw new InvalidRealmError(`App doesn't exist in role definitions: ${entry.clientId}`);
        uuids.set(entry.clientId, client.client.rep.id);
      }
      entry.clientUuid = uuids.get(entry.clientId);
    }
  }

  /** Composite names → refs among the realm's current roles and the roles being created. */
  private async resolver(request: AdminRequest, realmId: string, created: readonly Entry[]) {
    const realm = (await loadRealmConfig(request.store, realmId))!;
    const realmRoles = new Map(realm.realmRoles.map((role) => [role.rep.name, role.rep.id]));
    for (const entry of created) if (!entry.clientId) realmRoles.set(entry.name, entry.id);
    const clientRoles = new Map<string, RoleRef>();
    const repository = new ClientsRepository(request.store);
    const named = new Set(created.flatMap((entry) => Object.keys(entry.input.composites?.client ?? {})));
    for (const clientId of named) {
      const client = await repository.loadByClientId(realmId, clientId);
      for (const role of client?.roles ?? []) clientRoles.set(`${clientId}/${role.rep.name}`, { roleId: role.rep.id, clientUuid: client!.client.rep.id });
    }
    for (const entry of created) if (entry.clientId) clientRoles.set(`${entry.clientId}/${entry.name}`, { roleId: entry.id, clientUuid: entry.clientUuid! });
    return (composites: { realm?: string[]; client?: Record<string, string[]> } | undefined): RoleRef[] => {
      const refs: RoleRef[] = [];
      for (const name of composites?.realm ?? []) {
        const roleId = realmRoles.get(name);
        if (!roleId) throw new InvalidRealmError(`Unable to find composite realm role: ${name}`);
        refs.push({ roleId });
      }
      for (const [clientId, names] of Object.entries(composites?.client ?? {})) {
        for (const name of names) {
          const ref = clientRoles.get(`${clientId}/${name}`);
          if (!ref) throw new InvalidRealmError(`Unable to find composite client role: ${clientId}/${name}`);
          refs.push(ref);
        }
      }
      return refs;
    };
  }
}

function nameOf(role: RoleInput): string {
  if (!role.name) throw new InvalidRealmError('Realm role to import does not have a name');
  return role.name;
}

function resultOf(entry: Entry, action: PartialImportResult['action'], id: string): PartialImportResult {
  return entry.clientId
    ? { action, resourceType: 'CLIENT_ROLE', resourceName: `${entry.clientId}-->${entry.name}`, id }
    : { action, resourceType: 'REALM_ROLE', resourceName: entry.name, id };
}
