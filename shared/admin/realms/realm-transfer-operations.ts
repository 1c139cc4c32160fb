import { exportRealm } from '../../realm/export/export-realm.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminNotFound } from '../errors.js';
import { ok } from '../responses.js';
import { asAdminError } from './realm-collection-operations.js';
import { partialImport } from './partial-import/partial-import.js';
import { partialImportSchema } from './partial-import/partial-import-types.js';

const realm = mountOf('admin.realm');

/** RealmAdminResource.partialImport and partialExport. */
export const realmTransferOperations: readonly AdminOperation[] = [
  {
    // POST partialImport (manage-realm): PartialImportResults {overwritten, added, skipped, results}.
    method: 'POST',
    path: `${realm}/partialImport`,
    async run(request) {
      await request.require('manage-realm');
      const body = request.body(partialImportSchema);
      try {
        return ok(await partialImport(request, body));
      } catch (error) {
        throw asAdminError(error);
      }
    },
  },
  {
    // POST partial-export?exportClients=&exportGroupsAndRoles= (manage-realm; also the right to list
    // groups, resp. view clients, for what is asked): the realm without users, secrets masked.
    method: 'POST',
    path: `${realm}/partial-export`,
    async run(request) {
      await request.require('manage-realm');
      const groupsAndRoles = request.query.boolean('exportGroupsAndRoles') === true;
      const clients = request.query.boolean('exportClients') === true;
      if (groupsAndRoles) await request.require('query-groups');
      if (clients) await request.require('view-clients');
      const config = await request.realm();
      const rep = await exportRealm(request.store, config.realm.id, { users: false, clients, serviceAccounts: clients, groupsAndRoles, secrets: false });
      if (!rep) throw new AdminNotFound('Realm not found.');
      return ok(rep);
    },
  },
];
