import { withoutLegacyFields } from '../../../realm/import/legacy.js';
import { InvalidRealmError } from '../../../realm/realm-errors.js';
import type { AdminRequest } from '../../admin-request.js';
import { AdminConflict } from '../../errors.js';
import { ClientsImport } from './import-clients.js';
import { GroupsImport } from './import-groups.js';
import { IdentityProvidersImport } from './import-idps.js';
import { RolesImport } from './import-roles.js';
import { UsersImport } from './import-users.js';
import type { PartialImportInput, PartialImportResult, ResourceImport } from './partial-import-types.js';

/** Keycloak's PartialImportResults as JSON: the counts, then every result. */
export interface PartialImportResults {
  readonly overwritten: number;
  readonly added: number;
  readonly skipped: number;
  readonly results: readonly PartialImportResult[];
}

/**
 * PartialImportManager.saveResources: clients, roles, identity providers, groups, users — in that
 * order ("Do not change the order of these!!!": users name the groups and roles imported before them).
 * Every kind first looks for what exists; with FAIL (the default) the first resource that exists is a
 * 409 with Keycloak's message and nothing is written. Then each resource is written with its own
 * admin event (CREATE, or UPDATE for an overwritten one).
 */
export async function partialImport(request: AdminRequest, input: PartialImportInput): Promise<PartialImportResults> {
  const policy = input.ifResourceExists ?? 'FAIL';
  const users = withoutLegacyFields({ users: input.users ?? null }).users;
  const given: PartialImportInput = { ...input, users };
  const imports: ResourceImport[] = [new ClientsImport(given), new RolesImport(given), new IdentityProvidersImport(given), new GroupsImport(given), new UsersImport(given)];
  for (const resource of imports) await resource.prepare(request);
  if (policy === 'FAIL') {
    for (const resource of imports) {
      const message = resource.existsMessage();
      if (message) throw new AdminConflict(message);
    }
  }
  const results: PartialImportResult[] = [];
  try {
    for (const resource of imports) results.push(...(await resource.run(request, policy)));
  } catch (error) {
    // A name the file uses but nothing defines (RealmContentIndex's report) is the caller's error.
    if (error instanceof Error && error.message.startsWith('Unknown ')) throw new InvalidRealmError(error.message);
    throw error;
  }
  const count = (action: PartialImportResult['action']) => results.filter((result) => result.action === action).length;
  return { overwritten: count('OVERWRITTEN'), added: count('ADDED'), skipped: count('SKIPPED'), results };
}
