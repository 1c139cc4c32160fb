import { randomUUID } from 'node:crypto';
import { realmConfigChanged } from '../../../realm/config-changes.js';
import { InvalidRealmError } from '../../../realm/realm-errors.js';
import { loadRealmConfig } from '../../../realm/realm-config.js';
import { realmUpdateWrites } from '../../../store/realms.js';
import type { AdminRequest } from '../../admin-request.js';
import { importEvent, type PartialImportInput, type PartialImportResult, type Policy, type ResourceImport } from './partial-import-types.js';

type Provider = Record<string, unknown>;

/**
 * IdentityProvidersPartialImport: identity providers by alias, kept with the realm as its file gives
 * them (Gatehouse brokers no logins yet); each gets a new internalId; an overwritten one is replaced.
 */
export class IdentityProvidersImport implements ResourceImport {
  private readonly providers: Provider[];
  private existing = new Set<string>();

  constructor(input: PartialImportInput) {
    this.providers = input.identityProviders ?? [];
    for (const provider of this.providers) if (typeof provider['alias'] !== 'string') throw new InvalidRealmError('An identity provider to import has no alias');
  }

  async prepare(request: AdminRequest): Promise<void> {
    const current = ((await request.realm()).realm.rep['identityProviders'] as Provider[] | undefined) ?? [];
    this.existing = new Set(current.map((provider) => provider['alias'] as string));
  }

  existsMessage(): string | undefined {
    const first = this.providers.find((provider) => this.existing.has(provider['alias'] as string));
    return first ? `Identity Provider '${String(first['alias'])}' already exists.` : undefined;
  }

  async run(request: AdminRequest, policy: Policy): Promise<PartialImportResult[]> {
    const results: PartialImportResult[] = [];
    const realmId = (await request.realm()).realm.id;
    for (const provider of this.providers) {
      const alias = provider['alias'] as string;
      const config = (await loadRealmConfig(request.store, realmId))!;
      const current = (config.realm.rep['identityProviders'] as Provider[] | undefined) ?? [];
      const existing = current.find((candidate) => candidate['alias'] === alias);
      if (existing && policy === 'SKIP') {
        results.push({ action: 'SKIPPED', resourceType: 'IDP', resourceName: alias, id: String(existing['internalId'] ?? alias) });
        continue;
      }
      const stored = { ...provider, internalId: randomUUID() };
      const next = [...current.filter((candidate) => candidate['alias'] !== alias), stored];
      const result: PartialImportResult = { action: existing ? 'OVERWRITTEN' : 'ADDED', resourceType: 'IDP', resourceName: alias, id: stored.internalId };
      const rep = { ...config.realm.rep, realm: config.realm.name, identityProviders: next };
      await request.commit(realmUpdateWrites(config.realm, rep), importEvent(result, Boolean(existing), { ...provider, config: undefined }), { realm: config });
      realmConfigChanged(realmId);
      results.push(result);
    }
    return results;
  }
}
