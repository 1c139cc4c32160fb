import { realmConfigChanged } from '../../realm/config-changes.js';
import { masterRealmId } from '../../realm/master.js';
import { realmSchema, type RealmInput } from '../../realm/import/realm-schema.js';
import { normalPath } from '../../realm/import/group-items.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { ConflictError } from '../../store/errors.js';
import { defaultGroupItem, GroupsRepository } from '../../store/groups.js';
import { defaultGroupKey } from '../../store/keys.js';
import { realmUpdateWrites, RealmsRepository, renameConflictMessage } from '../../store/realms.js';
import type { Store, TransactWrite } from '../../store/store.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminBadRequest, AdminConflict } from '../errors.js';
import { GroupTree } from '../groups/group-tree.js';
import { noContent, ok } from '../responses.js';
import { deleteRealm } from './realm-delete.js';
import { renameWrites } from './realm-rename.js';
import { realmRepresentation } from './realm-representation.js';
import { updatedRealm, updateEventRepresentation } from './realm-update.js';

const realm = mountOf('admin.realm');

/** RealmAdminResource's own operations: get, update and delete the realm. */
export const realmResourceOperations: readonly AdminOperation[] = [
  {
    // GET: the full representation for view-realm; any other admin role sees what the admin console
    // needs to show the realm's name (RealmAdminResource.getRealm, requireViewRealmNameList).
    method: 'GET',
    path: realm,
    async run(request) {
      const config = await request.realm();
      if (await request.has('view-realm')) return ok(await realmRepresentation(request.store, config));
      await request.requireAnyAdminRole();
      const rep = config.realm.rep;
      return ok({
        realm: config.realm.name,
        ...(rep['defaultLocale'] !== undefined ? { defaultLocale: rep['defaultLocale'] } : {}),
        ...(rep.displayName !== undefined ? { displayName: rep.displayName } : {}),
        ...(rep.displayNameHtml !== undefined ? { displayNameHtml: rep.displayNameHtml } : {}),
        supportedLocales: rep['supportedLocales'] ?? [],
        bruteForceProtected: rep['bruteForceProtected'] === true,
        ...((await request.has('view-users')) ? { registrationEmailAsUsername: rep.registrationEmailAsUsername === true } : {}),
      });
    },
  },
  {
    // PUT: RealmAdminResource.updateRealm (manage-realm), 204; the admin event is UPDATE REALM with the body.
    method: 'PUT',
    path: realm,
    async run(request) {
      await request.require('manage-realm');
      const body = request.body(realmSchema);
      const config = await request.realm();
      const rep = updatedRealm(config, body);
      const writes: TransactWrite[] = [...realmUpdateWrites(config.realm, rep), ...(await defaultGroupWrites(request.store, config, body))];
      let masterChanged = false;
      if (rep.realm !== config.realm.name) {
        if (await new RealmsRepository(request.store).idForName(rep.realm, { consistent: true })) throw new AdminConflict(renameConflictMessage);
        const rename = await renameWrites(request.store, config, rep.realm);
        writes.push(...rename.writes);
        masterChanged = rename.masterChanged;
      }
      try {
        await request.commit(writes, { operationType: 'UPDATE', resourceType: 'REALM', resourcePath: '', representation: updateEventRepresentation(body) }, { realm: config });
      } catch (error) {
        if (error instanceof ConflictError) throw new AdminConflict(renameConflictMessage);
        throw error;
      }
      realmConfigChanged(config.realm.id);
      if (masterChanged) realmConfigChanged(masterRealmId);
      return noContent();
    },
  },
  {
    // DELETE: RealmAdminResource.deleteRealm (manage-realm over the realm); master cannot be removed.
    method: 'DELETE',
    path: realm,
    async run(request) {
      await request.require('manage-realm');
      const config = await request.realm();
      if (config.realm.id === masterRealmId) throw new AdminBadRequest("Can't remove master realm");
      await deleteRealm(request, config);
      return noContent();
    },
  },
];

/**
 * KeycloakModelUtils.setDefaultGroups for a body that sends `defaultGroups`: the realm's default groups
 * become the groups at those paths (each must exist), the others stop being defaults.
 */
async function defaultGroupWrites(store: Store, config: RealmConfig, body: RealmInput): Promise<TransactWrite[]> {
  if (body.defaultGroups == null) return [];
  const realmId = config.realm.id;
  const repository = new GroupsRepository(store);
  const tree = new GroupTree(await repository.index(realmId));
  const wanted = new Set<string>();
  for (const path of body.defaultGroups) {
    const group = tree.atPath(normalPath(path));
    if (!group) throw new AdminBadRequest(`Default group with path ${path} does not exist`);
    wanted.add(group.groupId);
  }
  const current = new Set(await repository.defaultGroupIds(realmId));
  const writes: TransactWrite[] = [];
  for (const id of wanted) if (!current.has(id)) writes.push({ kind: 'put', item: defaultGroupItem(realmId, id) });
  for (const id of current) if (!wanted.has(id)) writes.push({ kind: 'delete', key: defaultGroupKey(realmId, id) });
  return writes;
}
