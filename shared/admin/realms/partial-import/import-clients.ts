import { randomUUID } from 'node:crypto';
import { ACCOUNT_CLIENT_ID, ACCOUNT_CONSOLE_CLIENT_ID, ADMIN_CLI_CLIENT_ID, ADMIN_CONSOLE_CLIENT_ID, BROKER_CLIENT_ID, REALM_MANAGEMENT_CLIENT_ID } from '../../../model/builtin/index.js';
import { planClientCreation } from '../../../realm/create-client.js';
import { importedClient } from '../../../realm/import/client-defaults.js';
import { loadRealmConfig } from '../../../realm/realm-config.js';
import { ClientsRepository, type ClientConfig } from '../../../store/clients.js';
import type { AdminRequest } from '../../admin-request.js';
import { deleteClient } from '../../clients/client-delete.js';
import { stripClientSecrets } from '../../clients/client-representation.js';
import { importEvent, type PartialImportInput, type PartialImportResult, type Policy, type ResourceImport } from './partial-import-types.js';
import { withoutEvents } from './silent-request.js';

type ClientInput = NonNullable<PartialImportInput['clients']>[number];

/** Constants.defaultClients: never touched by a partial import, nor any `{realm}-realm` client. */
const INTERNAL_CLIENTS = new Set([REALM_MANAGEMENT_CLIENT_ID, ACCOUNT_CLIENT_ID, ACCOUNT_CONSOLE_CLIENT_ID, BROKER_CLIENT_ID, ADMIN_CONSOLE_CLIENT_ID, ADMIN_CLI_CLIENT_ID]);

/**
 * ClientsPartialImport: clients by clientId, internal ones left out. A client is created as the Admin
 * API creates one (defaults, its service account, the realm's scopes unless it names its own) with a
 * new id, as Keycloak gives it; an overwritten one is deleted first with everything it owns.
 */
export class ClientsImport implements ResourceImport {
  private readonly clients: ClientInput[];
  private readonly existing = new Map<string, ClientConfig>();

  constructor(input: PartialImportInput) {
    this.clients = (input.clients ?? []).filter((client) => client.clientId && !INTERNAL_CLIENTS.has(client.clientId) && !client.clientId.endsWith('-realm'));
  }

  async prepare(request: AdminRequest): Promise<void> {
    const realm = await request.realm();
    const repository = new ClientsRepository(request.store);
    for (const client of this.clients) {
      const found = await repository.loadByClientId(realm.realm.id, client.clientId!);
      if (found) this.existing.set(client.clientId!, found);
    }
  }

  existsMessage(): string | undefined {
    const first = this.clients.find((client) => this.existing.has(client.clientId!));
    return first ? `Client id '${first.clientId}' already exists` : undefined;
  }

  async run(request: AdminRequest, policy: Policy): Promise<PartialImportResult[]> {
    const results: PartialImportResult[] = [];
    const realmId = (await request.realm()).realm.id;
    for (const input of this.clients) {
      const existing = this.existing.get(input.clientId!);
      if (existing && policy === 'SKIP') {
        results.push({ action: 'SKIPPED', resourceType: 'CLIENT', resourceName: input.clientId!, id: existing.client.rep.id });
        continue;
      }
      if (existing) await deleteClient(withoutEvents(request), (await loadRealmConfig(request.store, realmId))!, existing);
      const realm = (await loadRealmConfig(request.store, realmId))!;
      const given = importedClient({ ...input, id: randomUUID() });
      const plan = planClientCreation(realm, { ...given, defaultClientScopes: input.defaultClientScopes ?? undefined, optionalClientScopes: input.optionalClientScopes ?? undefined });
      const result: PartialImportResult = { action: existing ? 'OVERWRITTEN' : 'ADDED', resourceType: 'CLIENT', resourceName: plan.rep.clientId, id: plan.rep.id };
      await request.commit(plan.writes, importEvent(result, Boolean(existing), stripClientSecrets(plan.rep)), { config: true, realm });
      results.push(result);
    }
    return results;
  }
}
